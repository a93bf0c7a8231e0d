import { acceptedAudience } from '../iam/token-audience';
import type { CallLogEntry } from '../aws/call-log';
import type { DecodedJwt } from '../aws/jwt';
import { sessionTagsOf, sourceIdentityOf, type SessionTags } from '../federation/session-tags';
import type { SessionIdentity } from './request-context';
import { requestEnvironment, type EnvironmentConfig } from './request-environment';

/**
 * What the inspector knows about the current session, read back from the call log: the last successful
 * AssumeRoleWithWebIdentity (its redacted input and output, the ID token's header and claims) and the last
 * GetCallerIdentity. No hook into the sign-in code is needed, and nothing secret is kept.
 */

export interface SessionFacts {
	roleArn: string | null;
	roleSessionName: string | null;
	/** The inline session policy passed to AssumeRoleWithWebIdentity, as sent. */
	sessionPolicy: string | null;
	assumedRoleArn: string | null;
	assumedRoleId: string | null;
	subjectFromWebIdentityToken: string | null;
	audience: string | null;
	provider: string | null;
	packedPolicySize: number | null;
	/** AccessKeyId, which is not secret (the secret key and token are never here). */
	accessKeyId: string | null;
	expiration: string | null;
	identityToken: DecodedJwt | null;
	callerIdentity: { account: string | null; arn: string | null; userId: string | null } | null;
	/** How many times the role was assumed in this page's life (1 = sign-in, more = refreshes). */
	assumeCount: number;
	/** STS's SourceIdentity (the token's source_identity claim); it stays the same down a role chain. */
	sourceIdentity?: string | null;
	/** The session tags the token carried (STS answers with none): `null` when it carried none. */
	sessionTags?: SessionTags | null;
	/** Why the token's tag claim could not be read, when it could not. */
	sessionTagsProblem?: string | null;
	/** The last role taken from this session by role chaining (a signed AssumeRole), if any. */
	chained?: ChainedFacts | null;
}

/** A role taken from the player's session with a signed AssumeRole. */
export interface ChainedFacts {
	roleArn: string | null;
	assumedRoleArn: string | null;
	/** What the app asked for: min(3600, the parent's remaining seconds), never below 900. */
	durationSeconds: number | null;
	expiration: string | null;
	sourceIdentity: string | null;
	/** The session it was taken from (the parent). */
	parentArn: string | null;
}

/** The tags and source identity a decoded ID token carries, for the facts. */
export function tagFactsOf(token: DecodedJwt | null): Pick<
	SessionFacts,
	'sessionTags' | 'sessionTagsProblem'
> & {
	tokenSourceIdentity: string | null;
} {
	const claims = token?.claims ?? {};
	try {
		return {
			sessionTags: sessionTagsOf(claims),
			sessionTagsProblem: null,
			tokenSourceIdentity: sourceIdentityOf(claims),
		};
	} catch (error) {
		return {
			sessionTags: null,
			sessionTagsProblem: (error as Error).message,
			tokenSourceIdentity: sourceIdentityOf(claims),
		};
	}
}

/** The last successful AssumeRole of the log (role chaining), with the session it came from. */
export function chainedFacts(
	entries: readonly CallLogEntry[],
	parentArn: string | null,
): ChainedFacts | null {
	const last = entries.filter((e) => isCall(e, 'AssumeRole')).at(-1);
	if (!last) return null;
	const input = rec(last.input);
	const output = rec(last.output);
	return {
		roleArn: str(input.RoleArn),
		assumedRoleArn: str(rec(output.AssumedRoleUser).Arn),
		durationSeconds: typeof input.DurationSeconds === 'number' ? input.DurationSeconds : null,
		expiration: str(rec(output.Credentials).Expiration),
		sourceIdentity: str(output.SourceIdentity),
		parentArn,
	};
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const rec = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

const isCall = (entry: CallLogEntry, operation: string) =>
	entry.service === 'STS' && entry.operation === operation && entry.ok;

/** The session as the call log shows it; `null` before any successful AssumeRoleWithWebIdentity. */
export function sessionFacts(entries: readonly CallLogEntry[]): SessionFacts | null {
	const assumes = entries.filter((e) => isCall(e, 'AssumeRoleWithWebIdentity'));
	const last = assumes.at(-1);
	if (!last) return null;
	const input = rec(last.input);
	const output = rec(last.output);
	const user = rec(output.AssumedRoleUser);
	const credentials = rec(output.Credentials);
	const caller = entries.filter((e) => isCall(e, 'GetCallerIdentity')).at(-1);
	const callerOutput = rec(caller?.output);
	const { tokenSourceIdentity, ...tags } = tagFactsOf(last.identityToken ?? null);
	return {
		...tags,
		sourceIdentity: str(output.SourceIdentity) ?? tokenSourceIdentity,
		chained: chainedFacts(entries, str(user.Arn)),
		roleArn: str(input.RoleArn),
		roleSessionName: str(input.RoleSessionName),
		sessionPolicy: str(input.Policy),
		assumedRoleArn: str(user.Arn),
		assumedRoleId: str(user.AssumedRoleId),
		subjectFromWebIdentityToken: str(output.SubjectFromWebIdentityToken),
		audience: str(output.Audience),
		provider: str(output.Provider),
		packedPolicySize: typeof output.PackedPolicySize === 'number' ? output.PackedPolicySize : null,
		accessKeyId: str(credentials.AccessKeyId),
		expiration: str(credentials.Expiration),
		identityToken: last.identityToken ?? null,
		callerIdentity: caller
			? {
					account: str(callerOutput.Account),
					arn: str(callerOutput.Arn),
					userId: str(callerOutput.UserId),
				}
			: null,
		assumeCount: assumes.length,
	};
}

/** The identity request-context.ts needs to rebuild a denied request; `null` when facts are missing. */
export function sessionIdentity(
	facts:
		| (Pick<
				SessionFacts,
				'assumedRoleArn' | 'identityToken' | 'provider' | 'subjectFromWebIdentityToken' | 'audience'
		  > &
				Partial<Pick<SessionFacts, 'sessionTags' | 'sourceIdentity'>>)
		| null,
	/** The runtime config: its region, and where the calls went. */
	config: EnvironmentConfig,
	/** The signed-in provider's `dataSegment`. */
	segment?: string,
	/** An OAuth 2.0 provider's `appId` (config.json), its sessions' `<provider>:app_id`. */
	appId?: string,
): SessionIdentity | null {
	const principal = facts?.assumedRoleArn;
	const claims = facts?.identityToken?.claims ?? {};
	const issuer = str(claims.iss) ?? facts?.provider ?? null;
	const sub = facts?.subjectFromWebIdentityToken ?? str(claims.sub);
	if (!principal || !issuer || !sub) return null;
	const accountId = /^arn:[\w-]+:sts::(\d+):/.exec(principal)?.[1] ?? '';
	// STS's Audience is what `<provider>:aud` saw; without it, read the token the way STS does.
	const aud = facts?.audience ?? acceptedAudience(claims);
	const tags = facts?.sessionTags?.tags;
	const sourceIdentity = facts?.sourceIdentity;
	return {
		...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
		...(sourceIdentity ? { sourceIdentity } : {}),
		principal,
		provider: issuer.replace(/^https?:\/\//, '').replace(/\/$/, ''),
		sub,
		accountId,
		region: config.region,
		environment: requestEnvironment(config, accountId),
		...(aud ? { aud } : {}),
		...(segment === undefined ? {} : { segment }),
		...(appId === undefined ? {} : { appId }),
	};
}

/**
 * After a reload the credentials come from the vault and this page's log has no AssumeRoleWithWebIdentity:
 * the identity is then what the session shows (assumed role ARN, `sub` and `iss` of the ID token).
 */
export function identityFromSession(
	session: {
		assumedRoleArn: string | null;
		claims: { sub: string; iss: string } | null;
		provider: { dataSegment: string } | null;
	},
	config: EnvironmentConfig,
): SessionIdentity | null {
	if (!session.assumedRoleArn || !session.claims) return null;
	return sessionIdentity(
		{
			assumedRoleArn: session.assumedRoleArn,
			subjectFromWebIdentityToken: session.claims.sub,
			identityToken: { header: {}, claims: { iss: session.claims.iss } },
			provider: null,
			audience: null,
		},
		config,
		session.provider?.dataSegment,
	);
}
