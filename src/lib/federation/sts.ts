import type { StsCalls, AssumeRoleWithWebIdentityOutput } from '../aws/sts';
import type { AwsCredentialsProvider } from '../aws/retry-on-expired';
import type { Clock } from '../aws/clock';
import type { RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import type { CredentialRecord } from '../vault/types';
import { toStsError } from './errors';

/** GetCallerIdentity's answer. */
export interface CallerIdentity {
	account: string;
	arn: string;
	userId: string;
}

type Where = Pick<RuntimeConfig, 'region' | 'endpoint'>;

/** The STS client's chunk (with the SDK), loaded only once sign-in starts. */
const loadStsCalls = () => import('../aws/sts');

/** The STS calls, loaded only once sign-in starts (their own chunk, with the SDK). */
async function stsCalls(
	config: Where,
	options: { credentials?: AwsCredentialsProvider; clock?: Clock },
): Promise<StsCalls> {
	const { createStsCalls } = await loadStsCalls();
	return createStsCalls({ region: config.region, endpoint: config.endpoint, ...options });
}

/**
 * Trade an ID token for temporary credentials of `roleArn` for `config.durationSeconds` (STS's answer
 * as it is). Sent unsigned: no AWS key ships with the app. Rejects with an AppError naming the STS error.
 */
export async function assumeRoleWithWebIdentity(input: {
	config: Where & Pick<RuntimeConfig, 'durationSeconds'>;
	roleArn: string;
	idToken: string;
	sessionName: string;
	policy?: string;
	/**
	 * For an OAuth 2.0 access token (`idToken` is then the access token): `www.amazon.com` or
	 * `graph.facebook.com`. Never for an OpenID Connect ID token (STS refuses it).
	 */
	providerId?: string;
	/** The app's corrected clock, fed from the answer's Date header. */
	clock?: Clock;
}): Promise<AssumeRoleWithWebIdentityOutput> {
	let sts: StsCalls | undefined;
	try {
		sts = await stsCalls(input.config, input.clock ? { clock: input.clock } : {});
		return await sts.assumeRoleWithWebIdentity({
			RoleArn: input.roleArn,
			RoleSessionName: input.sessionName,
			WebIdentityToken: input.idToken,
			DurationSeconds: input.config.durationSeconds,
			...(input.policy ? { Policy: input.policy } : {}),
			...(input.providerId ? { ProviderId: input.providerId } : {}),
		});
	} catch (err) {
		throw await toStsError(err);
	} finally {
		sts?.destroy();
	}
}

function required<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new AppError('sts-error', `STS answered without ${what}.`);
	return value;
}

/** STS's answer mapped straight into the app's one credential shape. */
export function recordFromSts(
	out: AssumeRoleWithWebIdentityOutput,
	from: Pick<CredentialRecord, 'sourceKey' | 'providerId' | 'roleArn' | 'obtainedAt'> & {
		sessionPolicy?: string;
	},
): CredentialRecord {
	const c = required(out.Credentials, 'Credentials');
	const user = required(out.AssumedRoleUser, 'AssumedRoleUser');
	return {
		...from,
		accessKeyId: required(c.AccessKeyId, 'AccessKeyId'),
		secretAccessKey: required(c.SecretAccessKey, 'SecretAccessKey'),
		sessionToken: required(c.SessionToken, 'SessionToken'),
		expiration: required(c.Expiration, 'Expiration').getTime(),
		assumedRoleArn: required(user.Arn, 'AssumedRoleUser.Arn'),
		assumedRoleId: required(user.AssumedRoleId, 'AssumedRoleUser.AssumedRoleId'),
		subject: out.SubjectFromWebIdentityToken ?? '',
		issuer: out.Provider ?? from.providerId,
		...(out.Audience === undefined ? {} : { audience: out.Audience }),
		...(out.PackedPolicySize === undefined ? {} : { packedPolicySize: out.PackedPolicySize }),
		...(out.SourceIdentity === undefined ? {} : { sourceIdentity: out.SourceIdentity }),
	};
}

/**
 * GetCallerIdentity signed (SigV4) with the shared credential provider's current credentials (never a copy):
 * proves they work and names the principal. Expired credentials are refreshed and the call retried once.
 */
export async function getCallerIdentity(
	config: Where,
	credentials: AwsCredentialsProvider,
	clock?: Clock,
): Promise<CallerIdentity> {
	let sts: StsCalls | undefined;
	try {
		sts = await stsCalls(config, { credentials, ...(clock ? { clock } : {}) });
		const out = await sts.getCallerIdentity();
		return {
			account: required(out.Account, 'Account'),
			arn: required(out.Arn, 'Arn'),
			userId: required(out.UserId, 'UserId'),
		};
	} catch (err) {
		throw await toStsError(err);
	} finally {
		sts?.destroy();
	}
}

/** GetCallerIdentity's answer for an assumed role, read from a credential record instead of asking STS. */
export function callerIdentityOf(
	record: Pick<CredentialRecord, 'assumedRoleArn' | 'assumedRoleId'>,
) {
	const account = /^arn:aws[\w-]*:sts::(\d{12}):/.exec(record.assumedRoleArn)?.[1] ?? '';
	return { account, arn: record.assumedRoleArn, userId: record.assumedRoleId };
}
