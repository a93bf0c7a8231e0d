import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock';
import { AwsError, isAwsError, newRequestId, sendAwsError } from '../errors';
import type { SandboxInfra } from '../infra';
import type { SessionStore } from '../sessions';
import { baseContext, sourceIpOf } from '../gateway/request-context';
import { toSignedRequest, verifySigV4, type VerifiedSession } from '../sigv4';
import { assumeRole } from './assume-role';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity';
import type { AuthorizationMessageCodec } from './authorization-message';
import { decodeAuthorizationMessageAction } from './decode-authorization-message';
import { getCallerIdentity } from './get-caller-identity';
import { JwksCache } from './jwks-cache';
import type { OAuthProviders } from './oauth-access-token';
import { readQueryParameters, sendQueryResult, type XmlValue } from './query';
import type { BuiltInIssuer } from './web-identity-token';

export { createAuthorizationMessageCodec } from './authorization-message';
export { assumeRoleWithWebIdentity, type OnBehalfOf } from './assume-role-with-web-identity';
export { JwksCache } from './jwks-cache';
export type { BuiltInIssuer } from './web-identity-token';
export { AMAZON_PROVIDER_ID, TOKEN_INFO_TIMEOUT_MS } from './oauth-access-token';
export type { OAuthProviders } from './oauth-access-token';
export type {
	AuthorizationMessageCodec,
	AuthorizationMessagePayload,
} from './authorization-message';

export interface StsDeps {
	infra: SandboxInfra;
	sessions: SessionStore;
	clock: SandboxClock;
	region: string;
	/** This sandbox's key for encoded authorization failure messages. */
	authorizationMessages: AuthorizationMessageCodec;
	/** The OAuth 2.0 providers `ProviderId` can name, and where STS asks them about a token. */
	oauthProviders: OAuthProviders;
	/** Issuers STS trusts without an IAM OIDC provider: Cognito Identity's. */
	builtInIssuers?: readonly BuiltInIssuer[];
	/** The identity providers' keys, shared with Cognito Identity, which checks the same tokens. */
	jwks?: JwksCache;
}

const VERSION = '2011-06-15';

/**
 * The STS endpoint in the AWS Query protocol: parameters form-encoded in the body or in the query string, XML
 * out, XML errors in the `<ErrorResponse>` shape. AssumeRoleWithWebIdentity is unsigned; the others need SigV4
 * with temporary credentials this sandbox issued.
 */
export function createStsHandler(deps: StsDeps) {
	const jwks = deps.jwks ?? new JwksCache();
	return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
		const requestId = newRequestId('sts');
		try {
			const signed = toSignedRequest(req, body);
			const params = readQueryParameters(
				signed.query,
				body,
				String(req.headers['content-type'] ?? ''),
			);
			const action = params.get('Action') ?? '';
			const version = params.get('Version') ?? 'NO_VERSION_SPECIFIED';
			if (version !== VERSION || !ACTIONS.has(action)) {
				throw new AwsError(
					'InvalidAction',
					400,
					`Could not find operation ${action} for version ${version}`,
				);
			}
			const sourceIp = sourceIpOf(req.socket.remoteAddress);
			const result =
				action === 'AssumeRoleWithWebIdentity'
					? await assumeRoleWithWebIdentity(params, { ...deps, jwks }, sourceIp)
					: signedAction(action, params, await verifySigV4(signed, 'sts', deps), deps, sourceIp);
			sendQueryResult(res, action, result, requestId);
		} catch (error) {
			// Anything else is a failure of ours: the request boundary answers it as a 500 and logs its name.
			if (!isAwsError(error)) throw error;
			sendAwsError(res, 'sts', error, { requestId });
		}
	};
}

/** The actions a session's own credentials sign. */
function signedAction(
	action: string,
	params: Map<string, string>,
	{ session }: VerifiedSession,
	deps: StsDeps,
	sourceIp: string,
): Record<string, XmlValue> {
	if (action === 'GetCallerIdentity') return getCallerIdentity(session);
	if (action === 'AssumeRole') return assumeRole(params, session, deps, sourceIp);
	const context = baseContext(session, deps.clock.now(), sourceIp, deps.region);
	return decodeAuthorizationMessageAction(
		params,
		session,
		deps.infra,
		context,
		deps.authorizationMessages,
	);
}

const ACTIONS = new Set([
	'AssumeRole',
	'AssumeRoleWithWebIdentity',
	'GetCallerIdentity',
	'DecodeAuthorizationMessage',
]);
