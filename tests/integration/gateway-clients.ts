/**
 * Shared set-up for the gateway's integration suites: a sandbox on free ports, and real SDK clients signed
 * with temporary credentials that STS AssumeRoleWithWebIdentity issued for a test player.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FREE_PORTS, createSandbox, type Sandbox } from '../../sandbox/app';
import type { SandboxConfig } from '../../sandbox/config';
import { startStorage, type Storage } from '../../sandbox/gateway/storage';
import { loadInfra, type SandboxInfra } from '../../sandbox/infra';
import type { CallLog } from '../../src/lib/aws/call-log';
import { attachCallLog } from '../../src/lib/aws/call-log-middleware';

export interface PlayerCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiration: Date;
}

export interface PlayerClients {
	credentials: PlayerCredentials;
	s3: S3Client;
	dynamodb: DynamoDBClient;
	doc: DynamoDBDocumentClient;
}

/** A sandbox on free ports (never the fixed defaults), quiet. */
export function startTestSandbox(overrides: Partial<SandboxConfig> = {}): Promise<Sandbox> {
	return createSandbox({
		...FREE_PORTS,
		verbose: false,
		...overrides,
	});
}

/** The storage alone (dynalite, the S3 object store) with the template's bucket and table, no gateway in front. */
export async function startTestStorage(): Promise<{ storage: Storage; infra: SandboxInfra }> {
	const infra = loadInfra({
		accountId: '123456789012',
		region: 'us-east-1',
		providers: [{ url: 'http://localhost:4000', clientId: 'fedplay-web' }],
		bucketName: 'fedplay-game-data',
		tableName: 'GameScores',
	});
	const storage = await startStorage({
		bucketName: infra.bucketName,
		table: infra.tableDefinition,
	});
	return { storage, infra };
}

/**
 * Signs `player` in at the first provider and assumes its player role, optionally with a session policy;
 * with a `log`, the STS call is recorded as the app's call log records it.
 */
export async function assumePlayerRole(
	sandbox: Sandbox,
	player: string,
	policy?: object,
	log?: CallLog,
): Promise<PlayerCredentials> {
	const sts = new STSClient({ region: sandbox.config.region, endpoint: sandbox.awsEndpoint });
	if (log !== undefined) attachCallLog(sts, log);
	try {
		const answer = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: sandbox.roleArns[0],
				RoleSessionName: `fedplay-${player}`,
				WebIdentityToken: await sandbox.idps[0]!.issueIdToken(player),
				...(policy === undefined ? {} : { Policy: JSON.stringify(policy) }),
			}),
		);
		const c = answer.Credentials!;
		return {
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
			expiration: c.Expiration!,
		};
	} finally {
		sts.destroy();
	}
}

/** S3 and DynamoDB clients for one set of credentials, as the app builds them (path-style S3). */
export function clientsFor(
	sandbox: Sandbox,
	credentials: PlayerCredentials,
	extra: { systemClockOffset?: number } = {},
): PlayerClients {
	const common = {
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		credentials,
		maxAttempts: 1,
		...extra,
	};
	const s3 = new S3Client({
		...common,
		forcePathStyle: true,
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
	const dynamodb = new DynamoDBClient(common);
	return { credentials, s3, dynamodb, doc: DynamoDBDocumentClient.from(dynamodb) };
}

export async function playerClients(
	sandbox: Sandbox,
	player: string,
	policy?: object,
): Promise<PlayerClients> {
	return clientsFor(sandbox, await assumePlayerRole(sandbox, player, policy));
}

export function destroyClients(...players: PlayerClients[]): void {
	for (const p of players) {
		p.s3.destroy();
		p.dynamodb.destroy();
	}
}

/** What an SDK call threw, reduced to what the matrix compares: AWS code, HTTP status and message. */
export async function failureOf(
	call: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
	try {
		await call;
	} catch (error) {
		const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
		return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
	}
	throw new Error('expected the call to fail, but it succeeded');
}
