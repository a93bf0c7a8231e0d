import type { Clock } from '../aws/clock';
import type { CognitoIdentityCalls, Logins } from '../aws/cognito-identity';
import { awsErrorCategory, awsErrorFacts } from '../aws/errors';
import { decodeJwt } from '../aws/jwt';
import type { AssumeRoleWithWebIdentityOutput } from '../aws/sts';
import type { IdentityPoolConfig, RuntimeConfig } from '../config/schema';
import { AppError, isAppError } from '../errors';
import type { CredentialRecord } from '../vault/types';
import { toCognitoError } from './errors';
import type { TokenSupplier } from './oidc-source';
import { roleSessionName } from './session-name';
import type { CredentialSource } from './source';
import { cognitoSourceKey } from './source-keys';
import { assumeRoleWithWebIdentity, recordFromSts } from './sts';

/** The issuer of Cognito's OpenID tokens, and the federated principal the pool's roles trust. */
export const COGNITO_ISSUER = 'cognito-identity.amazonaws.com';
/** What Cognito names the sessions of the enhanced flow (the ARN's last part). */
const ENHANCED_SESSION_NAME = 'CognitoIdentityCredentials';

type Pool = Pick<
	IdentityPoolConfig,
	'id' | 'identityPoolId' | 'flow' | 'loginsKey' | 'roleArn' | 'guestRoleArn'
>;

/** Where a source keeps the identity id between sets of credentials (the vault; memory in tests). */
export interface IdentityStore {
	/** The identity this browser holds for the pool: a guest's, or the one a sign-in links. */
	load(): Promise<string | null>;
	save(identityId: string): Promise<void>;
}

/**
 * A guest identity the sign-in turned into a signed-in one: the same id when Cognito linked the login to it,
 * another when the login had its own identity and Cognito merged the guest into it (the guest id is then
 * disabled). Called before the new credentials are handed out, every time (it must be idempotent).
 */
export type OnCarried = (carry: { from: string; into: string; merged: boolean }) => Promise<void>;

interface CognitoSourceOptions {
	pool: Pool;
	/** `player`: signs in through the pool's OpenID provider; `guest`: no login at all. */
	mode: 'player' | 'guest';
	/** The OpenID provider's ID tokens (a player only). */
	tokens?: TokenSupplier;
	/** For a player: the guest identity to link at sign-in (the vault's). */
	guest?: IdentityStore;
	/** For a guest: where its identity id lives. */
	identities?: IdentityStore;
	onCarried?: OnCarried;
	/** For a guest whose session can't continue: what to do (by default the error is thrown). */
	signInAgain?: () => Promise<never>;
	/** The corrected clock: when the credentials were obtained. */
	now: () => number;
	config: Pick<RuntimeConfig, 'region' | 'endpoint' | 'durationSeconds' | 'accountId'>;
	clock?: Clock;
	/** The Cognito calls; by default the fetch client, loaded on first use. */
	calls?: () => Promise<CognitoIdentityCalls>;
	/** STS for the basic flow; by default `assumeRoleWithWebIdentity`. */
	assume?: (request: {
		roleArn: string;
		idToken: string;
		sessionName: string;
		policy?: string;
	}) => Promise<AssumeRoleWithWebIdentityOutput>;
}

export { cognitoSourceKey } from './source-keys';

/** Cognito refused to act for this identity id with these logins: start again from GetId. */
function isIdentityRefused(error: unknown): boolean {
	const facts = awsErrorFacts(isAppError(error) ? error.cause : error);
	if (facts.code === 'ResourceNotFoundException') return /identity '/i.test(facts.message);
	if (facts.code !== 'NotAuthorizedException') return false;
	return /logins don.t match|access to identity .* is forbidden|disabled/i.test(facts.message);
}

function isExpiredLogin(error: unknown): boolean {
	const cause = isAppError(error) ? error.cause : error;
	const facts = awsErrorFacts(cause);
	if (isAppError(error) && error.details.upstreamCode === 'ExpiredTokenException') return true;
	return awsErrorCategory(facts.code, facts.message) === 'expired-identity-token';
}

/**
 * Credentials through an Amazon Cognito identity pool, behind the same seam as the direct path:
 * - enhanced flow: GetId → GetCredentialsForIdentity (Cognito assumes the pool's role);
 * - basic flow: GetId → GetOpenIdToken → AssumeRoleWithWebIdentity with the role and duration the app
 *   chooses (`roleArn`, or `guestRoleArn` for a guest; `durationSeconds`);
 * - a guest: the same without Logins.
 * The identity id is kept with the credentials (sealed) and reused, so a renewal skips GetId and a reload
 * makes no call at all. A player's first sign-in after playing as a guest presents the guest identity with
 * the login: Cognito links it (same id) or merges it into the login's own identity (`onCarried` says which).
 */
export function createCognitoSource(options: CognitoSourceOptions): CredentialSource {
	const { pool, mode } = options;
	const key = cognitoSourceKey(pool, mode);
	let client: Promise<CognitoIdentityCalls> | undefined;
	const calls = () =>
		(client ??=
			options.calls?.() ??
			import('../aws/cognito-identity').then((m) =>
				m.createCognitoIdentityCalls({
					region: options.config.region,
					...(options.config.endpoint ? { endpoint: options.config.endpoint } : {}),
					...(options.clock ? { clock: options.clock } : {}),
				}),
			)).catch((error: unknown) => {
			client = undefined;
			throw error;
		});
	const roleArn = mode === 'guest' ? (options.pool.guestRoleArn ?? '') : options.pool.roleArn;

	async function idToken(): Promise<{ value: string; renewed: boolean }> {
		const tokens = options.tokens;
		if (!tokens) throw new AppError('unknown', 'A signed-in Cognito source needs ID tokens.');
		const current = await tokens.current();
		if (current) return { value: current, renewed: false };
		const renewed = await tokens.renewSilently().catch(() => null);
		if (renewed) return { value: renewed, renewed: true };
		throw new AppError('session-expired', 'The sign-in session has ended.');
	}

	async function getId(logins: Logins | undefined): Promise<string> {
		try {
			const answer = await (
				await calls()
			).getId({
				IdentityPoolId: pool.identityPoolId,
				...(options.config.accountId ? { AccountId: options.config.accountId } : {}),
				...(logins ? { Logins: logins } : {}),
			});
			return answer.IdentityId;
		} catch (error) {
			throw await toCognitoError(error);
		}
	}

	/** Credentials for `identityId` with `logins` (none for a guest), by the pool entry's flow. */
	async function credentialsFor(
		identityId: string,
		logins: Logins | undefined,
		policy: string | undefined,
	): Promise<Omit<CredentialRecord, 'sourceKey' | 'providerId' | 'obtainedAt'>> {
		const c = await calls();
		const input = { IdentityId: identityId, ...(logins ? { Logins: logins } : {}) };
		if (pool.flow === 'enhanced') {
			let answer;
			try {
				answer = await c.getCredentialsForIdentity(input);
			} catch (error) {
				throw await toCognitoError(error);
			}
			const { Credentials: creds, IdentityId: id } = answer;
			return {
				roleArn,
				accessKeyId: creds.AccessKeyId,
				secretAccessKey: creds.SecretKey,
				sessionToken: creds.SessionToken,
				expiration: creds.Expiration,
				assumedRoleArn: assumedRoleArnOf(roleArn, options.config.accountId),
				assumedRoleId: '',
				subject: id,
				issuer: COGNITO_ISSUER,
				audience: pool.identityPoolId,
				identityId: id,
				flow: 'enhanced',
				// The enhanced flow never shows the app Cognito's token: its amr, as Cognito sets it.
				amr: logins ? ['authenticated', ...Object.keys(logins)] : ['unauthenticated'],
			};
		}
		let openId;
		try {
			openId = await c.getOpenIdToken(input);
		} catch (error) {
			throw await toCognitoError(error);
		}
		if (!roleArn) {
			throw new AppError('config-invalid', 'The basic flow needs guestRoleArn for guests.');
		}
		const claims = decodeJwt(openId.Token)?.claims ?? {};
		const answer = await assume({
			roleArn,
			idToken: openId.Token,
			sessionName: roleSessionName({ sub: `cognito-${openId.IdentityId.split(':')[1] ?? ''}` }),
			...(policy ? { policy } : {}),
		});
		const record = recordFromSts(answer, {
			sourceKey: key,
			providerId: pool.id,
			roleArn,
			obtainedAt: 0,
		});
		const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : undefined;
		return {
			...record,
			identityId: openId.IdentityId,
			flow: 'basic',
			...(amr ? { amr } : {}),
		};
	}

	function assume(request: {
		roleArn: string;
		idToken: string;
		sessionName: string;
		policy?: string;
	}): Promise<AssumeRoleWithWebIdentityOutput> {
		if (options.assume) return options.assume(request);
		return assumeRoleWithWebIdentity({
			config: options.config,
			...request,
			...(options.clock ? { clock: options.clock } : {}),
		});
	}

	async function obtainAsGuest(previous: CredentialRecord | null, policy?: string) {
		const store = options.identities;
		let identityId = previous?.identityId ?? (await store?.load()) ?? null;
		if (identityId === null) {
			identityId = await getId(undefined);
			await store?.save(identityId);
		}
		try {
			return await credentialsFor(identityId, undefined, policy);
		} catch (error) {
			// The guest identity is gone (signed in elsewhere in this browser, merged): it can't continue.
			if (isIdentityRefused(error) && options.signInAgain) return options.signInAgain();
			throw error;
		}
	}

	async function obtainAsPlayer(previous: CredentialRecord | null, policy?: string) {
		const first = await idToken();
		let logins: Logins = { [pool.loginsKey]: first.value };
		const guestId = previous?.identityId ? null : ((await options.guest?.load()) ?? null);
		let identityId = previous?.identityId ?? guestId ?? (await getId(logins));
		let result;
		try {
			result = await credentialsFor(identityId, logins, policy);
		} catch (error) {
			if (isExpiredLogin(error) && !first.renewed) {
				// Our clock said the ID token was valid; Cognito or STS disagreed. Renew once.
				const renewed = await options.tokens?.renewSilently().catch(() => null);
				if (!renewed) throw error;
				logins = { [pool.loginsKey]: renewed };
				result = await credentialsFor(identityId, logins, policy);
			} else if (isIdentityRefused(error)) {
				// The identity we held was merged away or belongs to another login: ask which is ours now.
				identityId = await getId(logins);
				result = await credentialsFor(identityId, logins, policy);
			} else throw error;
		}
		if (guestId !== null && result.identityId) {
			await options.onCarried?.({
				from: guestId,
				into: result.identityId,
				merged: result.identityId !== guestId,
			});
		}
		return result;
	}

	return {
		key,
		kind: mode === 'guest' ? 'cognito-guest' : 'cognito',
		async obtain(previous, { policy } = {}) {
			const got =
				mode === 'guest'
					? await obtainAsGuest(previous, policy)
					: await obtainAsPlayer(previous, policy);
			return {
				...got,
				sourceKey: key,
				providerId: pool.id,
				obtainedAt: options.now(),
				...(policy ? { sessionPolicy: policy } : {}),
			};
		},
		signInAgain: () =>
			options.signInAgain?.() ??
			options.tokens?.signInAgain() ??
			Promise.reject(new AppError('session-expired', 'The guest session has ended.')),
		// No identityToken: the token AWS saw is Cognito's (the enhanced flow never shows it to the app; the
		// basic flow's is in the call log), not the provider's ID token in Logins.
	};
}

/**
 * The assumed-role ARN of an enhanced-flow session: Cognito does not return it, but names every such
 * session `CognitoIdentityCredentials`. GetCallerIdentity confirms it after sign-in.
 */
function assumedRoleArnOf(roleArn: string, accountId: string | undefined): string {
	const match = /^arn:(aws[\w-]*):iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
	if (!match) {
		return `arn:aws:sts::${accountId ?? '000000000000'}:assumed-role/cognito/${ENHANCED_SESSION_NAME}`;
	}
	return `arn:${match[1]}:sts::${match[2]}:assumed-role/${match[3]}/${ENHANCED_SESSION_NAME}`;
}
