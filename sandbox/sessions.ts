import { createHash, randomBytes } from 'node:crypto';
import type { NamedPolicy } from '../src/lib/iam/types';
import type { SandboxClock } from './clock';

/** A session tag: `aws:PrincipalTag/<key>` in every request the session signs. One value per key. */
export interface SessionTag {
	key: string;
	value: string;
}

/**
 * What STS knows when it issues credentials: the role, the caller's session name, and either the token's
 * claims (AssumeRoleWithWebIdentity) or what the calling session passes on (AssumeRole, role chaining).
 */
export interface SessionInput {
	roleArn: string;
	roleSessionName: string;
	durationSeconds: number;
	/** Web identity only: the issuer without its scheme (`localhost:4000`), AWS's prefix of the context keys. */
	provider?: string;
	/** Web identity only: the token's `sub` (SubjectFromWebIdentityToken). */
	subject?: string;
	/** Web identity only: what `<provider>:aud` sees (the token's `azp` when set), returned as `Audience`. */
	audience?: string;
	/**
	 * Web identity condition keys, e.g. `localhost:4000:sub`, `localhost:4000:aud`, `localhost:4000:amr`. Empty
	 * for a chained session: those keys describe a token, and AssumeRole never sees one.
	 */
	webIdentityContext: Record<string, string | string[]>;
	/** Session policies, parsed: the inline `Policy` first, then each of `PolicyArns` in order. */
	sessionPolicies?: NamedPolicy[];
	/** Session tags, the calling session's transitive tags included (role chaining). */
	tags?: SessionTag[];
	/** The keys of `tags` that pass on to a session this one assumes; they cannot be changed down the chain. */
	transitiveTagKeys?: string[];
	/** Set once, by the token or the first AssumeRole that sets it; the same for the rest of the role chain. */
	sourceIdentity?: string;
}

/** A set of temporary credentials and everything needed to authorize requests signed with them. */
export interface TemporarySession extends SessionInput {
	sessionPolicies: NamedPolicy[];
	tags: SessionTag[];
	transitiveTagKeys: string[];
	/** `ASIA` + 16 characters of [A-Z2-7]. */
	accessKeyId: string;
	/** 40 characters. Never logged. */
	secretAccessKey: string;
	/** Long opaque base64; bound to `accessKeyId`. Never logged. */
	sessionToken: string;
	/** Epoch milliseconds (whole seconds, as STS returns). */
	expiration: number;
	roleName: string;
	accountId: string;
	/** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` */
	assumedRoleArn: string;
	/** `AROA…:SESSION` */
	assumedRoleId: string;
	createdAt: number;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(alphabet: string, bytes: Buffer): string {
	return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A new access key id: `ASIA` (temporary) or `AKIA` (long-term) and 16 characters of [A-Z2-7]. */
export function newAccessKeyId(prefix: 'ASIA' | 'AKIA'): string {
	return prefix + pick(BASE32, randomBytes(16));
}

/** A new 40-character secret access key. Never logged. */
export function newSecretAccessKey(): string {
	return pick(SECRET_CHARS, randomBytes(40));
}

/** A stable unique id for a role (AWS's `AROA…`), derived from its ARN so it survives restarts. */
export function roleIdFor(roleArn: string): string {
	return uniqueIdFor('AROA', roleArn);
}

/** AWS's unique id of a principal (`AROA…` a role, `AIDA…` a user), derived from its ARN. */
export function uniqueIdFor(prefix: 'AROA' | 'AIDA', arn: string): string {
	return prefix + pick(ALNUM, createHash('sha256').update(arn).digest().subarray(0, 17));
}

/** Splits `arn:aws:iam::ACCOUNT:role/path/NAME` into account and name. */
export function parseRoleArn(roleArn: string): { accountId: string; roleName: string } | null {
	const match = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/.exec(
		roleArn,
	);
	return match ? { accountId: match[1]!, roleName: match[2]! } : null;
}

// Keeps memory bounded in a long-running demo; expired sessions stay a while so callers get
// ExpiredToken rather than InvalidAccessKeyId, as on AWS.
const MAX_SESSIONS = 10_000;

/** In-memory store of the temporary credentials STS has issued. */
export class SessionStore {
	readonly #clock: SandboxClock;
	readonly #byAccessKeyId = new Map<string, TemporarySession>();

	constructor(clock: SandboxClock) {
		this.#clock = clock;
	}

	/** Issues fresh credentials for an assumed role. Throws if `roleArn` is not a role ARN. */
	issue(input: SessionInput): TemporarySession {
		const parsed = parseRoleArn(input.roleArn);
		if (!parsed) throw new Error(`not a role ARN: ${input.roleArn}`);
		const createdAt = Math.floor(this.#clock.now() / 1000) * 1000;
		const session: TemporarySession = {
			...input,
			sessionPolicies: input.sessionPolicies ?? [],
			tags: input.tags ?? [],
			transitiveTagKeys: input.transitiveTagKeys ?? [],
			accessKeyId: newAccessKeyId('ASIA'),
			secretAccessKey: newSecretAccessKey(),
			sessionToken: randomBytes(480).toString('base64'),
			expiration: createdAt + input.durationSeconds * 1000,
			roleName: parsed.roleName,
			accountId: parsed.accountId,
			assumedRoleArn: `arn:aws:sts::${parsed.accountId}:assumed-role/${parsed.roleName}/${input.roleSessionName}`,
			assumedRoleId: `${roleIdFor(input.roleArn)}:${input.roleSessionName}`,
			createdAt,
		};
		this.#byAccessKeyId.set(session.accessKeyId, session);
		if (this.#byAccessKeyId.size > MAX_SESSIONS) {
			const oldest = this.#byAccessKeyId.keys().next().value;
			if (oldest !== undefined) this.#byAccessKeyId.delete(oldest);
		}
		return session;
	}

	findByAccessKeyId(accessKeyId: string): TemporarySession | undefined {
		return this.#byAccessKeyId.get(accessKeyId);
	}

	/** True when the credentials have expired by the sandbox clock. */
	isExpired(session: TemporarySession): boolean {
		return this.#clock.now() >= session.expiration;
	}

	get size(): number {
		return this.#byAccessKeyId.size;
	}

	clear(): void {
		this.#byAccessKeyId.clear();
	}
}
