/**
 * The Cognito Identity endpoint (service `cognito-identity`) on the sandbox's one AWS endpoint: its real
 * protocol (wire.ts), the model's members and limits (members.ts), its unsigned and signed operations
 * (operations.ts), its errors as `{"__type", "message"}` with `x-amzn-ErrorType` (errors.ts). Identity pools
 * come from the template; identities live in memory; credentials come from the sandbox's own STS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock';
import { AwsError, isAwsError, newRequestId, sendAwsError, sendJson11 } from '../errors';
import { sourceIpOf } from '../gateway/request-context';
import type { IamUser } from '../iam-user';
import type { SandboxInfra } from '../infra';
import type { SessionStore } from '../sessions';
import { toSignedRequest, verifySigV4Caller } from '../sigv4';
import type { JwksCache } from '../sts';
import { authorizeCaller } from './authorize';
import type { CognitoContext } from './context';
import { IdentityStore } from './identities';
import { checkMembers } from './members';
import type { CognitoTokenSigner } from './openid-token';
import { NOT_EMULATED, OPERATIONS } from './operations';
import { IdentityPools } from './pools';
import { readJsonRequest, TARGET_PREFIX } from './wire';

export { createCognitoTokenSigner, COGNITO_ISSUER, type CognitoTokenSigner } from './openid-token';
export { TARGET_PREFIX } from './wire';

export interface CognitoIdentityDeps {
	infra: SandboxInfra;
	sessions: SessionStore;
	clock: SandboxClock;
	jwks: JwksCache;
	signer: CognitoTokenSigner;
	/** IAM users whose long-term keys sign the developer calls (the sandbox's developer principal). */
	users: { findByAccessKeyId(accessKeyId: string): IamUser | undefined };
}

export interface CognitoIdentityService {
	handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
	identities: IdentityStore;
	pools: IdentityPools;
}

export function createCognitoIdentityService(deps: CognitoIdentityDeps): CognitoIdentityService {
	const pools = new IdentityPools(deps.infra);
	const identities = new IdentityStore(deps.infra.region, () => deps.clock.now());

	async function answer(req: IncomingMessage, body: Buffer): Promise<object> {
		const { operation, input } = readJsonRequest(req, body);
		const spec = OPERATIONS[operation];
		if (spec === undefined) throw unknownOperation(operation);
		const context: CognitoContext = {
			...deps,
			pools,
			identities,
			sourceIp: sourceIpOf(req.socket.remoteAddress),
		};
		if (!spec.signed) {
			checkMembers(operation, input);
			return spec.run(input, context);
		}
		const { caller } = await verifySigV4Caller(toSignedRequest(req, body), 'cognito-identity', {
			sessions: deps.sessions,
			clock: deps.clock,
			region: deps.infra.region,
			users: deps.users,
		});
		checkMembers(operation, input);
		const authorization = { infra: deps.infra, now: deps.clock.now(), sourceIp: context.sourceIp };
		authorizeCaller(
			caller,
			`cognito-identity:${operation}`,
			spec.resource(input, context),
			authorization,
		);
		return spec.run(input, context);
	}

	return {
		pools,
		identities,
		async handle(req, res, body) {
			const requestId = newRequestId('cognito-identity');
			try {
				sendJson11(res, 200, await answer(req, body), requestId);
			} catch (error) {
				// Anything else is a failure of ours: the request boundary answers it as a 500.
				if (!isAwsError(error)) throw error;
				sendAwsError(res, 'cognito-identity', error, { requestId });
			}
		},
	};
}

function unknownOperation(operation: string): AwsError {
	if (NOT_EMULATED.has(operation)) {
		return new AwsError(
			'NotImplemented',
			501,
			`The Fedplay sandbox does not emulate ${TARGET_PREFIX}${operation}: its identity pools come from infra/fedplay.template.json.`,
		);
	}
	return new AwsError('UnknownOperationException', 400, '');
}
