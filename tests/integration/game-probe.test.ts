import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { createGameData, type GameData } from '../../src/lib/game/data';
import { runGameCallsProbe } from '../../src/lib/inspector/game-probe';
import { loadMyStats, recordRun } from '../../src/lib/game/scores';
import { closePlayer, signIn, startGameSandbox, type Player } from './game-fixture';

let sandbox: Sandbox;
let alice: Player;

beforeAll(async () => {
	sandbox = await startGameSandbox();
	alice = await signIn(sandbox, 'alice');
	await recordRun(alice.data, alice.identity, {
		runId: 'probe-seed',
		score: 420,
		playedAt: '2026-03-01T10:00:00.000Z',
		durationMs: 30_000,
		displayName: 'Alice',
		won: true,
	});
});

afterAll(async () => {
	closePlayer(alice);
	await sandbox.close();
});

/** alice's data clients under a session policy (the inspector playground's scope-down). */
async function scopedDown(policy: object): Promise<GameData> {
	const sts = new STSClient({ region: sandbox.config.region, endpoint: sandbox.awsEndpoint });
	try {
		const answer = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: sandbox.roleArns[0],
				RoleSessionName: 'fedplay-alice',
				WebIdentityToken: await sandbox.idps[0]!.issueIdToken('alice'),
				Policy: JSON.stringify(policy),
			}),
		);
		const c = answer.Credentials!;
		const credentials = {
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
		};
		return createGameData({
			config: sandboxRuntimeConfig(sandbox),
			credentials: async () => credentials,
			maxAttempts: 1,
			callLog: null,
		});
	} finally {
		sts.destroy();
	}
}

describe('runGameCallsProbe', () => {
	it('finds the profile read, the score write and the leaderboard allowed for the role itself', async () => {
		const outcomes = await runGameCallsProbe(alice.data, alice.identity);
		expect(outcomes.map((o) => [o.action, o.ok, o.error])).toEqual([
			['s3:GetObject', true, null],
			['dynamodb:UpdateItem', true, null],
			['dynamodb:Query', true, null],
		]);
	});

	it('changes nothing: the score write is a dry run', async () => {
		const before = await loadMyStats(alice.data, alice.identity);
		await runGameCallsProbe(alice.data, alice.identity);
		expect(await loadMyStats(alice.data, alice.identity)).toEqual(before);
	});

	it('reports, in AWS’s words, what a session policy takes away', async () => {
		const data = await scopedDown({
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: '*' }],
		});
		try {
			const outcomes = await runGameCallsProbe(data, alice.identity);
			expect(outcomes.map((o) => o.ok)).toEqual([false, false, true]);
			const [profile, score] = outcomes;
			expect(profile!.error).toMatchObject({ category: 'access-denied', action: 's3:GetObject' });
			expect(score!.error).toMatchObject({
				category: 'access-denied',
				action: 'dynamodb:UpdateItem',
				policyType: 'session',
			});
		} finally {
			data.destroy();
		}
	});
});
