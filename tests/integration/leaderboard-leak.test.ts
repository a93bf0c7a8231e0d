/**
 * Issue 11, item 1, over HTTP with the real SDK: alice tries every way she can think of to read bob's
 * `sub` (his UserId) out of the public leaderboard index. Each attempt is refused as real DynamoDB refuses
 * it, or denied by the role's Leaderboard statement; what is allowed answers without anyone's UserId.
 */
import {
	QueryCommand,
	type DynamoDBClient,
	type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	destroyClients,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import { LEAK_ATTEMPTS, partitionOf, PUBLIC_READS, TableName } from './leaderboard-variants';

let sandbox: Sandbox;
let alice: PlayerClients;
let bob: PlayerClients;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	[alice, bob] = await Promise.all([
		playerClients(sandbox, 'alice'),
		playerClients(sandbox, 'bob'),
	]);
	for (const [player, clients, score] of [
		['alice', alice, 10],
		['bob', bob, 20],
	] as const) {
		await clients.doc.send(
			new PutCommand({
				TableName,
				Item: {
					UserId: partitionOf(player),
					GameTitle: 'Meteor',
					TopScore: score,
					TopScoreDateTime: '2026-01-01T00:00:00Z',
					DisplayName: player === 'bob' ? 'Bobby Tables' : 'Alice A.',
				},
			}),
		);
	}
});

afterAll(async () => {
	destroyClients(alice, bob);
	await sandbox?.close();
});

/** What alice got back — the answer or the error — as text, to search for bob's UserId. */
async function outcome(client: DynamoDBClient, input: QueryCommandInput) {
	try {
		const answer = await client.send(new QueryCommand(input));
		return { ok: true as const, text: JSON.stringify(answer), answer };
	} catch (error) {
		const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
		const failure = { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
		return { ok: false as const, text: JSON.stringify(failure), failure };
	}
}

describe('alice cannot read bob’s UserId through the leaderboard index', () => {
	it.each(LEAK_ATTEMPTS)('%s', async (_, input, expected) => {
		const answer = await outcome(alice.dynamodb, input);
		expect(answer.ok ? answer.answer : answer.failure).toEqual(expected);
		expect(answer.text).not.toContain(`"${partitionOf('bob')}"`);
		expect(answer.text).not.toContain('UserId"');
	});

	it.each(PUBLIC_READS)('answers %s with public attributes only', async (_, input) => {
		const answer = await outcome(alice.dynamodb, input);
		expect(answer.ok).toBe(true);
		expect(answer.text).toContain('Bobby Tables');
		expect(answer.text).not.toContain(`"${partitionOf('bob')}"`);
		expect(answer.text).not.toContain('UserId');
	});
});
