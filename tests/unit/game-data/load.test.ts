import { describe, expect, it } from 'vitest';
import type { GameData } from '../../../src/lib/game/clients';
import { loadPlayerData } from '../../../src/lib/game/load';

/** Clients whose calls wait until the test answers them, recording the order they were made in. */
function heldClients() {
	const calls: { command: string; answer: (value: unknown) => void }[] = [];
	const send = (command: { constructor: { name: string } }) =>
		new Promise((resolve) => calls.push({ command: command.constructor.name, answer: resolve }));
	const data = { s3: { send }, ddb: { send }, bucket: 'b', table: 't' } as unknown as GameData;
	return { data, calls };
}

describe('loadPlayerData', () => {
	it('has the profile, stats and leaderboard requests in flight at once (no waterfall)', async () => {
		const { data, calls } = heldClients();
		const loading = loadPlayerData(data, { segment: 'oidc1', id: 'alice' });
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(calls.map((c) => c.command).sort()).toEqual([
			'GetCommand',
			'GetObjectCommand',
			'QueryCommand',
		]);
		const body = JSON.stringify({
			version: 1,
			displayName: 'Alice',
			avatarColor: '#112233',
			preferences: {},
		});
		const answers: Record<string, unknown> = {
			GetObjectCommand: { ETag: '"e"', Body: { transformToString: async () => body } },
			GetCommand: {
				Item: { TopScore: 5, TopScoreDateTime: 't', DisplayName: 'Alice', Runs: 1 },
			},
			QueryCommand: { Items: [{ DisplayName: 'Alice', TopScore: 5, TopScoreDateTime: 't' }] },
		};
		for (const call of calls) call.answer(answers[call.command]);
		const loaded = await loading;
		expect(loaded.profile?.etag).toBe('"e"');
		expect(loaded.leaderboard).toEqual([
			{ rank: 1, displayName: 'Alice', topScore: 5, at: 't', you: true },
		]);
	});
});
