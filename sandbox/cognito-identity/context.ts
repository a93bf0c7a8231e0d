import type { SandboxClock } from '../clock';
import type { SandboxInfra } from '../infra';
import type { SessionStore } from '../sessions';
import type { JwksCache } from '../sts';
import type { IdentityStore } from './identities';
import type { CognitoTokenSigner } from './openid-token';
import type { IdentityPools } from './pools';

/** What every operation of the Cognito Identity endpoint works with. */
export interface CognitoContext {
	infra: SandboxInfra;
	sessions: SessionStore;
	clock: SandboxClock;
	/** The identity providers' keys (shared with STS). */
	jwks: JwksCache;
	signer: CognitoTokenSigner;
	pools: IdentityPools;
	identities: IdentityStore;
	/** The caller's address, as STS and the gateway see it (`aws:SourceIp`). */
	sourceIp: string;
}

/** One operation: checked members in, its output shape out. */
export type Operation = (
	input: Record<string, unknown>,
	context: CognitoContext,
) => Promise<object>;
