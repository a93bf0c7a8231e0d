import { AwsError, isAwsError } from '../errors';
import { assumeRoleWithWebIdentity } from '../sts';
import { actingIdentity } from './acting-identity';
import type { CognitoContext } from './context';
import { OPENID_TOKEN_SECONDS } from './openid-token';
import { GUEST_SCOPE_DOWN } from './scope-down';

/** What Cognito names the sessions of the enhanced flow, and how long they last ("Enhanced-flow credentials last 1 hour"). */
export const ENHANCED_SESSION_NAME = 'CognitoIdentityCredentials';
const ENHANCED_SESSION_SECONDS = 3600;

const invalidConfiguration = () =>
	new AwsError(
		'InvalidIdentityPoolConfigurationException',
		400,
		'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
	);

/**
 * GetCredentialsForIdentity (unsigned), the enhanced flow: "functionally equivalent to calling GetOpenIdToken
 * followed by AssumeRoleWithWebIdentity". The sandbox does exactly that against its own STS, with the pool's
 * role for the identity's kind (authenticated or unauthenticated), so the role's trust policy really decides
 * (`cognito-identity.amazonaws.com:aud` and `:amr`); a role the pool has not got, or one whose trust refuses,
 * is `InvalidIdentityPoolConfigurationException`. A guest's session carries Cognito's scope-down policy
 * (scope-down.ts). `CustomRoleArn` chooses among roles a token's role mapping offers; the template maps no
 * roles, so it is ignored, as Cognito ignores it "for identity providers that do not support role customization".
 * Credentials come back as Cognito returns them: `SecretKey`, and `Expiration` in epoch seconds.
 */
export async function getCredentialsForIdentity(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const { identity, pool, amr } = await actingIdentity(input, context);
	const guest = identity.logins.length === 0;
	const roleArn = guest ? pool.roles.unauthenticated : pool.roles.authenticated;
	if (roleArn === undefined) throw invalidConfiguration();
	const now = context.clock.now();
	const token = await context.signer.sign(
		{ poolId: pool.id, identityId: identity.id, amr },
		OPENID_TOKEN_SECONDS,
		now,
	);
	const params = new Map([
		['RoleArn', roleArn],
		['RoleSessionName', ENHANCED_SESSION_NAME],
		['WebIdentityToken', token],
		['DurationSeconds', String(ENHANCED_SESSION_SECONDS)],
	]);
	// Cognito's own token, never an OAuth 2.0 access token: no ProviderId, so no OAuth provider is asked.
	const stsDeps = {
		...context,
		builtInIssuers: [context.signer.issuer],
		oauthProviders: new Map(),
	};
	const onBehalfOf = guest ? { sessionPolicies: [GUEST_SCOPE_DOWN] } : {};
	let accessKeyId: string;
	try {
		const result = await assumeRoleWithWebIdentity(params, stsDeps, context.sourceIp, onBehalfOf);
		accessKeyId = (result['Credentials'] as { AccessKeyId: string }).AccessKeyId;
	} catch (error) {
		// The trust policy refused (AccessDenied), or the role cannot be assumed as configured.
		if (isAwsError(error)) throw invalidConfiguration();
		throw error;
	}
	const session = context.sessions.findByAccessKeyId(accessKeyId)!;
	return {
		IdentityId: identity.id,
		Credentials: {
			AccessKeyId: session.accessKeyId,
			SecretKey: session.secretAccessKey,
			SessionToken: session.sessionToken,
			Expiration: session.expiration / 1000,
		},
	};
}
