import { deflateRawSync } from 'node:zlib';
import { evaluateTrust, parsePolicy, PolicyParseError, type NamedPolicy } from '../../src/lib/iam';
import type { SandboxClock } from '../clock';
import { AwsError } from '../errors';
import { findRole, type SandboxInfra } from '../infra';
import { MAX_JWT_CHARS } from '../limits';
import type { SessionStore } from '../sessions';
import type { JwksCache } from './jwks-cache';
import { isoSeconds, type XmlValue } from './query';
import { validateMembers, type MemberRule } from './validation';
import { verifyWebIdentityToken, type VerifiedIdToken } from './web-identity-token';

export interface AssumeRoleDeps {
	infra: SandboxInfra;
	sessions: SessionStore;
	clock: SandboxClock;
	jwks: JwksCache;
}

// The STS service model's constraints (AWS-FACTS.md).
const RULES: Record<string, MemberRule> = {
	RoleArn: { member: 'roleArn', required: true, minLength: 20, maxLength: 2048 },
	RoleSessionName: {
		member: 'roleSessionName',
		required: true,
		minLength: 2,
		maxLength: 64,
		pattern: /^[\w+=,.@-]*$/,
		patternText: '[\\w+=,.@-]*',
	},
	WebIdentityToken: {
		member: 'webIdentityToken',
		required: true,
		minLength: 4,
		maxLength: MAX_JWT_CHARS,
		sensitive: true,
	},
	ProviderId: { member: 'providerId', minLength: 4, maxLength: 2048 },
	Policy: {
		member: 'policy',
		minLength: 1,
		maxLength: 2048,
		pattern: /^[\t\n\r\u0020-\u00FF]+$/,
		patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
		sensitive: true,
	},
	DurationSeconds: { member: 'durationSeconds', integer: { min: 900, max: 43200 } },
};

const DEFAULT_DURATION_SECONDS = 3600;
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
// Packed (compressed) session policy budget; PackedPolicySize is the percentage of it used.
const PACKED_POLICY_BYTES = 2048;

/**
 * AssumeRoleWithWebIdentity (unsigned): validates the parameters and the token, evaluates the role's trust
 * policy with the token's claims as condition keys, and issues fresh credentials for the role.
 */
export async function assumeRoleWithWebIdentity(
	params: Map<string, string>,
	deps: AssumeRoleDeps,
	sourceIp: string,
): Promise<Record<string, XmlValue>> {
	validateMembers(params, RULES);
	if (params.has('ProviderId')) {
		// OAuth 2.0 providers (www.amazon.com, graph.facebook.com) are not emulated; OIDC tokens omit it.
		throw new AwsError(
			'InvalidParameterValue',
			400,
			'ProviderId is only for OAuth 2.0 providers; omit it for OpenID Connect ID tokens.',
		);
	}
	const roleArn = params.get('RoleArn')!;
	const roleSessionName = params.get('RoleSessionName')!;
	const token = await verifyWebIdentityToken(params.get('WebIdentityToken')!, deps);
	const webIdentityContext = webIdentityKeys(token);

	const role = findRole(deps.infra, roleArn);
	// AWS answers a missing role exactly like a trust policy that does not match.
	if (!role) throw new AwsError('AccessDenied', 403, NOT_AUTHORIZED);
	const trust = evaluateTrust(
		{
			principal: token.provider.arn,
			principalFederated: token.provider.arn,
			action: 'sts:AssumeRoleWithWebIdentity',
			resource: role.arn,
			context: {
				...webIdentityContext,
				'sts:RoleSessionName': roleSessionName,
				'aws:CurrentTime': isoSeconds(deps.clock.now()),
				'aws:EpochTime': String(Math.floor(deps.clock.now() / 1000)),
				'aws:SourceIp': sourceIp,
				'aws:SecureTransport': 'false',
			},
		},
		role.trustPolicy,
	);
	if (trust.decision !== 'allow') throw new AwsError('AccessDenied', 403, NOT_AUTHORIZED);

	const durationSeconds = Number(params.get('DurationSeconds') ?? DEFAULT_DURATION_SECONDS);
	if (durationSeconds > role.maxSessionDuration) {
		throw new AwsError(
			'ValidationError',
			400,
			'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
		);
	}
	const policyText = params.get('Policy');
	const sessionPolicy = policyText === undefined ? undefined : parseSessionPolicy(policyText);
	const packedPolicySize = policyText === undefined ? undefined : packedSize(policyText);

	const sourceIdentity = token.claims['https://aws.amazon.com/source_identity'];
	const session = deps.sessions.issue({
		roleArn: role.arn,
		roleSessionName,
		durationSeconds,
		provider: token.provider.url.replace(/^https?:\/\//, ''),
		subject: token.claims.sub,
		audience: token.audience,
		webIdentityContext,
		...(sessionPolicy ? { sessionPolicy } : {}),
		...(typeof sourceIdentity === 'string' ? { sourceIdentity } : {}),
	});
	return {
		SubjectFromWebIdentityToken: session.subject,
		Audience: session.audience,
		AssumedRoleUser: { Arn: session.assumedRoleArn, AssumedRoleId: session.assumedRoleId },
		Credentials: {
			AccessKeyId: session.accessKeyId,
			SecretAccessKey: session.secretAccessKey,
			SessionToken: session.sessionToken,
			Expiration: isoSeconds(session.expiration),
		},
		SourceIdentity: session.sourceIdentity,
		Provider: token.claims.iss,
		PackedPolicySize: packedPolicySize,
	};
}

/**
 * Condition keys from the token: `<host>:sub`, `:aud` (the `azp` when set), `:oaud` (the token's audience),
 * `:azp`, `:amr`, and `aws:FederatedProvider`.
 */
function webIdentityKeys(token: VerifiedIdToken): Record<string, string | string[]> {
	const host = token.provider.url.replace(/^https?:\/\//, '');
	const keys: Record<string, string | string[]> = {
		[`${host}:sub`]: token.claims.sub,
		[`${host}:aud`]: token.audience,
		[`${host}:oaud`]: token.originalAudience,
		'aws:FederatedProvider': token.provider.arn,
	};
	const { azp, amr } = token.claims as { azp?: unknown; amr?: unknown };
	if (typeof azp === 'string') keys[`${host}:azp`] = azp;
	if (Array.isArray(amr)) keys[`${host}:amr`] = amr.map(String);
	else if (typeof amr === 'string') keys[`${host}:amr`] = [amr];
	return keys;
}

function parseSessionPolicy(text: string): NamedPolicy {
	try {
		return parsePolicy(text, 'session-policy', 'session');
	} catch (error) {
		if (error instanceof PolicyParseError)
			throw new AwsError('MalformedPolicyDocument', 400, error.message);
		throw error;
	}
}

/** The compressed size of the session policy as a percentage of the allowed budget. */
function packedSize(policyText: string): number {
	const minified = JSON.stringify(JSON.parse(policyText));
	const percent = Math.ceil((deflateRawSync(minified).length / PACKED_POLICY_BYTES) * 100);
	if (percent > 100) {
		throw new AwsError(
			'PackedPolicyTooLarge',
			400,
			`Packed size of the session policy is ${percent}% of the allowed maximum.`,
		);
	}
	return percent;
}
