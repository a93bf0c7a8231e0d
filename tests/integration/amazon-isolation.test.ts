/**
 * A Login with Amazon player (an OAuth 2.0 access token, `ProviderId: www.amazon.com`, data keyed by
 * `${www.amazon.com:user_id}` under `players/amazon/`) never reaches an OpenID Connect player's data, and the
 * other way round — through S3 and DynamoDB. The hardest case too: an OpenID
 * provider that issues, as its `sub`, the very string Login with Amazon uses as alice's `user_id`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { loadProfile } from '../../src/lib/game/profile';
import { loadMyStats } from '../../src/lib/game/scores';
import { playerPartition, playerPrefix } from '../../src/lib/config/data-layout';
import { expectNoDynamoDbAccess, expectNoS3Access, writeOwnData } from './cross-access';
import {
	closePlayer,
	signIn,
	signInWithAmazon,
	startGameSandbox,
	type Player,
} from './game-fixture';

let sandbox: Sandbox;
const players: Record<'amazon' | 'fedplay' | 'arcade' | 'twin', Player> = {} as never;

beforeAll(async () => {
	sandbox = await startGameSandbox();
	players.amazon = await signInWithAmazon(sandbox, 'alice');
	players.fedplay = await signIn(sandbox, 'alice', 0);
	players.arcade = await signIn(sandbox, 'alice', 1);
	// Fedplay ID says its alice's `sub` is Login with Amazon's user id for alice: one string, two people.
	players.twin = await signIn(sandbox, 'bob', 0, { sub: players.amazon.sub });
	for (const [key, player] of Object.entries(players)) await writeOwnData(player, `Alice (${key})`);
});

afterAll(async () => {
	for (const player of Object.values(players)) closePlayer(player);
	await sandbox?.close();
});

it('keys the Login with Amazon player’s data by user id under the amazon segment', () => {
	const { amazon, twin } = players;
	expect(amazon.identity).toEqual({ segment: 'amazon', id: sandbox.amazon.userIdOf('alice') });
	expect(playerPrefix(amazon.identity)).toBe(`players/amazon/${amazon.sub}/`);
	expect(playerPartition(amazon.identity)).toBe(`amazon/${amazon.sub}`);
	expect(twin.identity).toEqual({ segment: 'oidc1', id: amazon.sub });
	expect(playerPrefix(twin.identity)).not.toBe(playerPrefix(amazon.identity));
});

// [caller, owner] both ways between the OAuth 2.0 player and each OpenID player.
const pairs = (['fedplay', 'arcade', 'twin'] as const).flatMap((oidc) => [
	['amazon', oidc] as const,
	[oidc, 'amazon'] as const,
]);

describe.each(pairs)('%s → %s', (caller, owner) => {
	it('denies S3 GetObject, PutObject and ListObjectsV2 on the other’s folder', async () => {
		await expectNoS3Access(players[caller], players[owner]);
	});

	it('denies DynamoDB GetItem, Query, PutItem, BatchGetItem and BatchWriteItem on the other’s partition', async () => {
		await expectNoDynamoDbAccess(players[caller], players[owner]);
	});
});

it('left everyone’s data as its owner wrote it', async () => {
	for (const [key, player] of Object.entries(players)) {
		const name = `Alice (${key})`;
		expect((await loadProfile(player.data, player.identity))?.profile.displayName).toBe(name);
		expect(await loadMyStats(player.data, player.identity)).toMatchObject({
			topScore: name.length,
			runs: 1,
			wins: 1,
		});
	}
});
