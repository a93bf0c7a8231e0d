/**
 * The site's security headers, read from the template's CloudFront ResponseHeadersPolicy, so local servers
 * (end-to-end tests, previews) send exactly what production sends. The CSP in the template is a `Fn::Sub`
 * with three holes, `${ProviderSources}`, `${OAuthSources}` and `${AwsSources}`; callers fill them with their
 * own origins.
 */
import { readFileSync } from 'node:fs';

const TEMPLATE = new URL('./fedplay.template.json', import.meta.url);

interface SecurityHeadersConfig {
	ContentSecurityPolicy: { ContentSecurityPolicy: { 'Fn::Sub': [string, unknown] } };
	StrictTransportSecurity: { AccessControlMaxAgeSec: number; IncludeSubdomains: boolean };
	FrameOptions: { FrameOption: string };
	ReferrerPolicy: { ReferrerPolicy: string };
}

interface HeadersPolicy {
	SecurityHeadersConfig: SecurityHeadersConfig;
	CustomHeadersConfig?: { Items: { Header: string; Value: string }[] };
}

/** The site's pages: framed by nothing. */
const SITE_POLICY = 'SecurityHeadersPolicy';
/** The silent renew page: the same headers, but the app itself may frame it. */
const SILENT_CALLBACK_POLICY = 'SilentCallbackHeadersPolicy';

/** The page the provider's answer to a silent renew (an iframe, `prompt=none`) lands on. */
export const SILENT_CALLBACK_PAGE = 'silent-callback.html';

function readPolicy(resourceId = SITE_POLICY): HeadersPolicy {
	const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as {
		Resources: Record<string, { Properties: { ResponseHeadersPolicyConfig: HeadersPolicy } }>;
	};
	const resource = template.Resources[resourceId];
	if (!resource) throw new Error(`the template has no ${resourceId} resource`);
	return resource.Properties.ResponseHeadersPolicyConfig;
}

/**
 * The CSP template string, with `${ProviderSources}`, `${OAuthSources}`, `${AwsSources}` and
 * `${IdentityPoolSources}` still in it.
 */
export function cspTemplate(): string {
	return readPolicy().SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy[
		'Fn::Sub'
	][0];
}

/** The AWS endpoints production's CSP allows in `region` (the template's `AwsSources`). */
export function awsSourcesFor(region: string): string[] {
	const csp = readPolicy().SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
	const variables = csp['Fn::Sub'][1] as { AwsSources: { 'Fn::Sub': string } };
	return variables.AwsSources['Fn::Sub'].replaceAll('${AWS::Region}', region).split(' ');
}

export interface HeaderSources {
	/** Origins of the OpenID providers (and any extra origins they use). */
	providers: string[];
	/**
	 * Origins of the OAuth 2.0 providers' endpoints the app fetches (Login with Amazon's token and profile
	 * endpoints): `connect-src` only, as the app never frames them.
	 */
	oauth?: string[];
	/** Origins of STS, S3 and DynamoDB (one sandbox endpoint, or the region's AWS endpoints). */
	aws: string[];
	/**
	 * The region's Cognito Identity endpoint, when the stack has an identity pool (`connect-src` only). The
	 * sandbox serves Cognito Identity on its one AWS endpoint, already in `aws`.
	 */
	identityPool?: string[];
	/** Where the browser should report CSP violations (tests). */
	reportUri?: string;
	/** Leave out `upgrade-insecure-requests`, which would break a plain-http loopback server. */
	plainHttp?: boolean;
}

/**
 * Every security header CloudFront adds, for the given sources. `page` picks the silent renew page's
 * policy (frameable by the app itself) instead of the one every other page gets (frameable by nothing).
 */
export function securityHeaders(
	sources: HeaderSources,
	page: 'site' | 'silent-callback' = 'site',
): Record<string, string> {
	const policy = readPolicy(page === 'site' ? SITE_POLICY : SILENT_CALLBACK_POLICY);
	const config = policy.SecurityHeadersConfig;
	let csp = config.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Sub'][0]
		.replaceAll('${ProviderSources}', sources.providers.join(' '))
		.replaceAll('${OAuthSources}', (sources.oauth ?? []).join(' '))
		.replaceAll('${AwsSources}', sources.aws.join(' '))
		.replaceAll('${IdentityPoolSources}', (sources.identityPool ?? []).join(' '))
		// No provider leaves a gap, not 'none': next to 'self' (frame-src, connect-src) 'none' is invalid.
		.replace(/ {2,}/g, ' ')
		.replace(/ ;/g, ';');
	if (sources.plainHttp) csp = csp.replace(/;\s*upgrade-insecure-requests/, '');
	if (sources.reportUri) csp += `; report-uri ${sources.reportUri}`;
	const hsts = config.StrictTransportSecurity;
	const headers: Record<string, string> = {
		'content-security-policy': csp,
		'strict-transport-security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}`,
		'x-frame-options': config.FrameOptions.FrameOption,
		'referrer-policy': config.ReferrerPolicy.ReferrerPolicy,
		'x-content-type-options': 'nosniff',
	};
	for (const item of policy.CustomHeadersConfig?.Items ?? []) {
		headers[item.Header.toLowerCase()] = item.Value;
	}
	return headers;
}
