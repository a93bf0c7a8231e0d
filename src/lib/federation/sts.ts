import type { STSClient, STSClientConfig } from '@aws-sdk/client-sts';
import type { ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import { applyClockSkew, type Clock } from './clock-skew';
import type { CredentialProvider } from './credential-provider';
import { toStsError } from './errors';

type StsModule = typeof import('@aws-sdk/client-sts');

let stsModule: Promise<StsModule> | undefined;

/** The STS client, loaded only after sign-in: a separate chunk, outside the sign-in screen's byte budget. */
function loadSts(): Promise<StsModule> {
	return (stsModule ??= import('@aws-sdk/client-sts'));
}

/** Temporary credentials as returned by STS. The secret and the token never go into rendered state. */
export interface TemporaryCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiration: Date;
}

export interface AssumedRole {
	credentials: TemporaryCredentials;
	/** AssumedRoleUser: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` and `AROA…:SESSION`. */
	assumedRoleUser: { arn: string; assumedRoleId: string };
	subjectFromWebIdentityToken?: string;
	provider?: string;
	audience?: string;
	packedPolicySize?: number;
}

export interface CallerIdentity {
	account: string;
	arn: string;
	userId: string;
}

let decorate: (client: STSClient) => void = () => {};

/** Run `fn` on every STS client the app builds (the inspector adds its call-log middleware here). */
export function decorateStsClients(fn: (client: STSClient) => void): void {
	decorate = fn;
}

async function stsClient(
	config: RuntimeConfig,
	credentials: STSClientConfig['credentials'],
	clock: Clock | undefined,
) {
	const sts = await loadSts();
	const client = new sts.STSClient({
		region: config.region,
		...(config.endpoint ? { endpoint: config.endpoint } : {}),
		maxAttempts: 3,
		credentials,
	});
	// Every STS answer's Date header feeds the app's clock (the first one, AssumeRole's, sets the skew).
	if (clock) applyClockSkew(client, clock);
	decorate(client);
	return { sts, client };
}

/** AssumeRoleWithWebIdentity is an unsigned call; if anything ever asks for credentials, fail loudly. */
const noCredentials = () =>
	Promise.reject(new AppError('unknown', 'AssumeRoleWithWebIdentity must not be signed.'));

function required<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new AppError('sts-error', `STS answered without ${what}.`);
	return value;
}

/**
 * Trade the provider's ID token for temporary credentials of `provider.roleArn`, for `config.durationSeconds`.
 * Sent unsigned: no AWS key ships with the app. Rejects with an AppError naming the STS error.
 */
export async function assumeRoleWithWebIdentity(input: {
	config: RuntimeConfig;
	provider: ProviderConfig;
	idToken: string;
	sessionName: string;
	policy?: string;
	/** The app's corrected clock, fed from the answer's Date header. */
	clock?: Clock;
}): Promise<AssumedRole> {
	try {
		const { sts, client } = await stsClient(input.config, noCredentials, input.clock);
		const out = await client.send(
			new sts.AssumeRoleWithWebIdentityCommand({
				RoleArn: input.provider.roleArn,
				RoleSessionName: input.sessionName,
				WebIdentityToken: input.idToken,
				DurationSeconds: input.config.durationSeconds,
				...(input.policy ? { Policy: input.policy } : {}),
			}),
		);
		const c = required(out.Credentials, 'Credentials');
		const user = required(out.AssumedRoleUser, 'AssumedRoleUser');
		return {
			credentials: {
				accessKeyId: required(c.AccessKeyId, 'AccessKeyId'),
				secretAccessKey: required(c.SecretAccessKey, 'SecretAccessKey'),
				sessionToken: required(c.SessionToken, 'SessionToken'),
				expiration: required(c.Expiration, 'Expiration'),
			},
			assumedRoleUser: {
				arn: required(user.Arn, 'AssumedRoleUser.Arn'),
				assumedRoleId: required(user.AssumedRoleId, 'AssumedRoleUser.AssumedRoleId'),
			},
			subjectFromWebIdentityToken: out.SubjectFromWebIdentityToken,
			provider: out.Provider,
			audience: out.Audience,
			packedPolicySize: out.PackedPolicySize,
		};
	} catch (err) {
		throw toStsError(err);
	}
}

/**
 * GetCallerIdentity signed (SigV4) with the shared credential provider's current credentials (never a copy):
 * proves they work and names the principal. Expired credentials are refreshed and the call retried once.
 */
export async function getCallerIdentity(
	config: RuntimeConfig,
	credentials: CredentialProvider,
	clock?: Clock,
): Promise<CallerIdentity> {
	try {
		const { sts, client } = await stsClient(config, credentials, clock);
		// SDK middleware, so it travels in the lazy chunk with the SDK.
		const { applyFedplayMiddleware } = await import('./expired-retry');
		applyFedplayMiddleware(client, credentials);
		const out = await client.send(new sts.GetCallerIdentityCommand({}));
		return {
			account: required(out.Account, 'Account'),
			arn: required(out.Arn, 'Arn'),
			userId: required(out.UserId, 'UserId'),
		};
	} catch (err) {
		throw toStsError(err);
	}
}
