import type { AuthzRequest, ContextValue } from '../iam';
import {
	mapRequest,
	RequestRejection,
	type Authorization,
	type RequestEnvironment,
	type WireRequest,
} from '../iam/request';
import type { PlayerIdentity } from '../config/data-layout';
import type { CallLogEntry } from '../aws/call-log';
import { recordedWireRequest } from './recorded-request';

/**
 * Rebuilds the IAM requests one of the app's own calls made, so the inspector can re-evaluate it against
 * the session's policies: the recorded wire request mapped by the very mapping the sandbox gateway decides
 * with (src/lib/iam/request), plus the keys every request of this web identity session carries.
 */

/** Who made the call, as the app knows it after AssumeRoleWithWebIdentity, and where the call went. */
export interface SessionIdentity {
	/** AssumedRoleUser.Arn: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
	principal: string;
	/** The issuer without `https://`, as IAM names web identity keys: `localhost:4000`, `accounts.google.com`. */
	provider: string;
	/** The ID token's `sub` (SubjectFromWebIdentityToken). */
	sub: string;
	/** What `<provider>:aud` saw: STS's Audience (the token's `azp` when set). */
	aud?: string;
	/** The provider's data segment (config.json `dataSegment`), when the provider is known. */
	segment?: string;
	/** An OAuth 2.0 provider's application id (`www.amazon.com:app_id`), when the config names it. */
	appId?: string;
	accountId: string;
	region: string;
	/** The bucket, table and endpoint the calls went to (request-environment.ts). */
	environment: RequestEnvironment;
	/** The session's tags (from the ID token's tag claim): `aws:PrincipalTag/<key>` in every request. */
	tags?: Record<string, string>;
	/** STS's SourceIdentity: `aws:SourceIdentity` in every request. */
	sourceIdentity?: string;
}

/** Whose data the session reaches (data-layout.ts); `null` without an identity or a segment. */
export function playerOf(identity: SessionIdentity | null): PlayerIdentity | null {
	return identity?.segment === undefined ? null : { segment: identity.segment, id: identity.sub };
}

/** STS's `ProviderId` values: their sessions carry `<provider>:user_id` and `:app_id`, not `:sub`/`:aud`. */
const OAUTH2_PROVIDERS = new Set(['www.amazon.com', 'graph.facebook.com']);

/** The web identity keys of the session (IAM User Guide, "Available keys for AWS web identity federation"). */
function identityKeys(identity: SessionIdentity): Record<string, ContextValue> {
	const { provider } = identity;
	if (OAUTH2_PROVIDERS.has(provider)) {
		return {
			[`${provider}:user_id`]: identity.sub,
			...(identity.appId === undefined ? {} : { [`${provider}:app_id`]: identity.appId }),
			'aws:FederatedProvider': provider,
		};
	}
	return {
		[`${provider}:sub`]: identity.sub,
		...(identity.aud === undefined ? {} : { [`${provider}:aud`]: identity.aud }),
	};
}

/** Context keys every request of a web identity session carries. */
function baseContext(identity: SessionIdentity): Record<string, ContextValue> {
	const role = /^arn:(aws[\w-]*):sts::(\d*):assumed-role\/([^/]+)\//.exec(identity.principal);
	const context: Record<string, ContextValue> = {
		...identityKeys(identity),
		'aws:PrincipalAccount': identity.accountId,
		'aws:PrincipalType': 'AssumedRole',
		'aws:RequestedRegion': identity.region,
		'aws:CurrentTime': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
	};
	for (const [key, value] of Object.entries(identity.tags ?? {})) {
		context[`aws:PrincipalTag/${key}`] = value;
	}
	if (identity.tags && Object.keys(identity.tags).length > 0) {
		context['aws:PrincipalTagKeys'] = Object.keys(identity.tags);
	}
	if (identity.sourceIdentity !== undefined)
		context['aws:SourceIdentity'] = identity.sourceIdentity;
	if (role) context['aws:PrincipalArn'] = `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
	return context;
}

/**
 * The IAM requests one logged S3 or DynamoDB call needed (usually one; a BatchGetItem or TransactWriteItems
 * may need several). `[]` when the call recorded no request, or one the service refused before asking IAM.
 */
export function requestContextOf(
	entry: Pick<CallLogEntry, 'service' | 'request'>,
	identity: SessionIdentity,
): AuthzRequest[] {
	const request = recordedWireRequest(entry);
	if (request === null) return [];
	const base = baseContext(identity);
	return authorizationsOf(request, identity.environment).map((authorization) => ({
		principal: identity.principal,
		action: authorization.action,
		resource: authorization.resource,
		context: { ...base, ...authorization.context },
	}));
}

/** The mapping's authorizations; none for a request the service refuses before asking IAM. */
function authorizationsOf(request: WireRequest, environment: RequestEnvironment): Authorization[] {
	try {
		return mapRequest(request, environment).authorizations;
	} catch (error) {
		if (error instanceof RequestRejection) return [];
		throw error;
	}
}
