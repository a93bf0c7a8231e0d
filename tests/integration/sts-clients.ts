/**
 * Shared set-up for the STS suites on session policies, session tags, source identity and role chaining:
 * AssumeRoleWithWebIdentity for a test player (a token shaped like a real login's, optionally with claims
 * replaced), AssumeRole signed with the credentials it returned, both through the real `@aws-sdk/client-sts`.
 */
import { randomBytes } from 'node:crypto';
import {
	AssumeRoleCommand,
	AssumeRoleWithWebIdentityCommand,
	STSClient,
	STSServiceException,
	type AssumeRoleCommandInput,
	type AssumeRoleWithWebIdentityCommandInput,
	type Credentials,
} from '@aws-sdk/client-sts';
import type { Sandbox } from '../../sandbox/app';
import { SOURCE_IDENTITY_CLAIM, TAGS_CLAIM } from '../../sandbox/aws-token-claims';
import type { PlayerCredentials } from './gateway-clients';

export { SOURCE_IDENTITY_CLAIM, TAGS_CLAIM };

export const ACCOUNT = '123456789012';
export const TOURNAMENT_ROLE = `arn:aws:iam::${ACCOUNT}:role/fedplay-tournament`;
export const READ_ONLY_POLICY = `arn:aws:iam::${ACCOUNT}:policy/fedplay-sandbox-read-only-game-data`;
export const NO_DELETES_POLICY = `arn:aws:iam::${ACCOUNT}:policy/fedplay-sandbox-game-data-no-deletes`;

export interface WebIdentityOptions extends Partial<AssumeRoleWithWebIdentityCommandInput> {
	/** 0: Fedplay ID (the default), 1: Arcade ID; the role is that provider's. */
	provider?: number;
	/** Claims that replace the login's (`undefined` removes one). */
	overrides?: Record<string, unknown>;
}

/** AssumeRoleWithWebIdentity for `player`, unsigned, as the app calls it. */
export async function webIdentity(
	sandbox: Sandbox,
	player: string,
	options: WebIdentityOptions = {},
) {
	const { provider = 0, overrides, ...input } = options;
	return sendWebIdentity(sandbox, {
		RoleArn: sandbox.roleArns[provider],
		RoleSessionName: `fedplay-${player}`,
		WebIdentityToken: await sandbox.idps[provider]!.issueIdToken(
			player,
			overrides ? { overrides } : {},
		),
		DurationSeconds: 900,
		...input,
	});
}

/** AssumeRoleWithWebIdentity as given: unsigned, one attempt. */
export async function sendWebIdentity(
	sandbox: Sandbox,
	input: AssumeRoleWithWebIdentityCommandInput,
) {
	const sts = new STSClient({
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		maxAttempts: 1,
	});
	try {
		return await sts.send(new AssumeRoleWithWebIdentityCommand(input));
	} finally {
		sts.destroy();
	}
}

/** An STS client signing with `credentials` (a role session's). */
export function signedSts(
	sandbox: Sandbox,
	credentials: Credentials | PlayerCredentials,
): STSClient {
	const c = credentials as Partial<Credentials & PlayerCredentials>;
	return new STSClient({
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		maxAttempts: 1,
		credentials: {
			accessKeyId: (c.AccessKeyId ?? c.accessKeyId)!,
			secretAccessKey: (c.SecretAccessKey ?? c.secretAccessKey)!,
			sessionToken: (c.SessionToken ?? c.sessionToken)!,
		},
	});
}

/** AssumeRole signed by `credentials`: role chaining, to the tournament role unless told otherwise. */
export async function chain(
	sandbox: Sandbox,
	credentials: Credentials,
	input: Partial<AssumeRoleCommandInput> = {},
) {
	const sts = signedSts(sandbox, credentials);
	try {
		return await sts.send(
			new AssumeRoleCommand({
				RoleArn: TOURNAMENT_ROLE,
				RoleSessionName: 'tournament-carol',
				...input,
			}),
		);
	} finally {
		sts.destroy();
	}
}

/** The SDK's credentials shape → the gateway clients' shape. */
export function asPlayerCredentials(c: Credentials): PlayerCredentials {
	return {
		accessKeyId: c.AccessKeyId!,
		secretAccessKey: c.SecretAccessKey!,
		sessionToken: c.SessionToken!,
		expiration: c.Expiration!,
	};
}

/** A token tag claim with these tags, transitive keys as given. */
export function tagClaim(tags: Record<string, unknown>, transitive: unknown = []) {
	return { [TAGS_CLAIM]: { principal_tags: tags, transitive_tag_keys: transitive } };
}

/** `count` random characters of [A-Za-z0-9_-]: valid in tags, incompressible enough to fill the packed budget. */
export function randomText(count: number): string {
	return randomBytes(count).toString('base64url').slice(0, count);
}

/** What an STS call threw: AWS's error code (the wire `<Code>`, not the SDK's class name), status, message. */
export async function stsFailure(
	call: Promise<unknown>,
): Promise<{ code: string | undefined; status: number | undefined; message: string }> {
	const error = await call.then(
		() => null,
		(e: unknown) => e,
	);
	if (!(error instanceof STSServiceException))
		throw new Error(`expected an STS error, got ${String(error)}`);
	return {
		code: (error as { Code?: string }).Code,
		status: error.$metadata.httpStatusCode,
		message: error.message,
	};
}
