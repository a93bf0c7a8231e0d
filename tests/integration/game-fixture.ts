/**
 * Set-up shared by the game-data suites: a sandbox on free ports, and the app's own data calls
 * (`createGameData`) signed with credentials STS AssumeRoleWithWebIdentity issued for a test player; beside
 * them, plain SDK clients with the same credentials, for what the suites ask the gateway directly.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import {
	AssumeRoleWithWebIdentityCommand,
	STSClient,
	type AssumeRoleWithWebIdentityCommandOutput,
} from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FREE_PORTS, createSandbox, sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import type { PlayerIdentity } from '../../src/lib/config/data-layout';
import { createGameData, type GameData } from '../../src/lib/game/data';
import { assumeWithAccessToken } from './amazon-client';

export interface Player {
	name: string;
	/** SubjectFromWebIdentityToken: the `sub` the role's policy keys everything on. */
	sub: string;
	/** Whose data: the provider's segment (from the sandbox's runtime config) and the `sub`. */
	identity: PlayerIdentity;
	/** The app's own calls. */
	data: GameData;
	/** Plain SDK clients with the same credentials (the document client for DynamoDB). */
	sdk: { s3: S3Client; ddb: DynamoDBDocumentClient };
}

/** Closes a player's connections. */
export function closePlayer(player: Player): void {
	player.data.destroy();
	player.sdk.s3.destroy();
	player.sdk.ddb.destroy();
}

export function startGameSandbox(): Promise<Sandbox> {
	return createSandbox({ ...FREE_PORTS, verbose: false });
}

/**
 * Signs `name` in at provider `provider` (0 or 1) and builds the app's clients with the credentials.
 * `claims` replaces claims of the ID token (a chosen `sub`), signed with the provider's own key.
 */
export async function signIn(
	sandbox: Sandbox,
	name: string,
	provider = 0,
	claims?: Record<string, unknown>,
): Promise<Player> {
	const sts = new STSClient({ region: sandbox.config.region, endpoint: sandbox.awsEndpoint });
	try {
		const answer = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: sandbox.roleArns[provider],
				RoleSessionName: `fedplay-${name}`,
				WebIdentityToken: await sandbox.idps[provider]!.issueIdToken(
					name,
					claims ? { overrides: claims } : {},
				),
			}),
		);
		return playerOf(sandbox, name, answer, sandboxRuntimeConfig(sandbox).providers[provider]!);
	} finally {
		sts.destroy();
	}
}

/**
 * Signs `name` in with the sandbox Login with Amazon (an access token traded with `ProviderId`) and builds the
 * app's clients: the player's data is keyed by `user_id` under the provider's segment, `amazon`.
 */
export async function signInWithAmazon(sandbox: Sandbox, name: string): Promise<Player> {
	const answer = await assumeWithAccessToken(sandbox, sandbox.amazon.issueAccessToken(name), {
		RoleSessionName: `fedplay-${name}`,
	});
	return playerOf(sandbox, name, answer, sandboxRuntimeConfig(sandbox).oauth2Providers[0]!);
}

/** The player STS's answer makes: the app's calls and plain SDK clients with its credentials. */
function playerOf(
	sandbox: Sandbox,
	name: string,
	answer: AssumeRoleWithWebIdentityCommandOutput,
	provider: { dataSegment: string },
): Player {
	const c = answer.Credentials!;
	const credentials = {
		accessKeyId: c.AccessKeyId!,
		secretAccessKey: c.SecretAccessKey!,
		sessionToken: c.SessionToken!,
		expiration: c.Expiration!,
	};
	const config = sandboxRuntimeConfig(sandbox);
	const data = createGameData({
		config,
		credentials: async () => credentials,
		maxAttempts: 1,
		callLog: null,
	});
	const common = {
		region: config.region,
		endpoint: config.endpoint,
		credentials,
		maxAttempts: 1,
	};
	const sdk = {
		s3: new S3Client({ ...common, forcePathStyle: true }),
		ddb: DynamoDBDocumentClient.from(new DynamoDBClient(common)),
	};
	const sub = answer.SubjectFromWebIdentityToken!;
	const identity = { segment: provider.dataSegment, id: sub };
	return { name, sub, identity, data, sdk };
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
	try {
		await promise;
	} catch (error) {
		return error as Record<string, unknown>;
	}
	throw new Error('expected the call to fail, it succeeded');
}
