import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock';
import { AwsError, isAwsError, newRequestId, sendAwsError } from '../errors';
import type { SandboxInfra } from '../infra';
import type { SessionStore } from '../sessions';
import { toSignedRequest, verifySigV4 } from '../sigv4';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity';
import type { AuthorizationMessageCodec } from './authorization-message';
import { decodeAuthorizationMessageAction } from './decode-authorization-message';
import { getCallerIdentity } from './get-caller-identity';
import { JwksCache } from './jwks-cache';
import { readQueryParameters, sendQueryResult, isoSeconds, type XmlValue } from './query';

export { createAuthorizationMessageCodec } from './authorization-message';
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
}

const VERSION = '2011-06-15';

/**
 * The STS endpoint in the AWS Query protocol: form-encoded parameters in, XML out, XML errors in the
 * `<ErrorResponse>` shape. AssumeRoleWithWebIdentity is unsigned; the others need SigV4 with
 * temporary credentials this sandbox issued.
 */
export function createStsHandler(deps: StsDeps) {
	const jwks = new JwksCache();
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
			const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
			let result: Record<string, XmlValue>;
			if (action === 'AssumeRoleWithWebIdentity') {
				result = await assumeRoleWithWebIdentity(params, { ...deps, jwks }, sourceIp);
			} else {
				const { session } = await verifySigV4(signed, 'sts', deps);
				result =
					action === 'GetCallerIdentity'
						? getCallerIdentity(session)
						: decodeAuthorizationMessageAction(
								params,
								session,
								deps.infra,
								{
									...session.webIdentityContext,
									'aws:userid': session.assumedRoleId,
									'aws:PrincipalArn': `arn:aws:iam::${session.accountId}:role/${session.roleName}`,
									'aws:CurrentTime': isoSeconds(deps.clock.now()),
									'aws:SourceIp': sourceIp,
									'aws:SecureTransport': 'false',
								},
								deps.authorizationMessages,
							);
			}
			sendQueryResult(res, action, result, requestId);
		} catch (error) {
			// Anything else is a failure of ours: the request boundary answers it as a 500 and logs its name.
			if (!isAwsError(error)) throw error;
			sendAwsError(res, 'sts', error, { requestId });
		}
	};
}

const ACTIONS = new Set([
	'AssumeRoleWithWebIdentity',
	'GetCallerIdentity',
	'DecodeAuthorizationMessage',
]);
