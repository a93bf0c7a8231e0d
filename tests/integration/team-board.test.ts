/**
 * Issue 16's isolation guarantees, through the gateway with the real S3 client: a team's board
 * (`teams/<team>/board.json`) is read and written by its members alone — by a policy on
 * `${aws:PrincipalTag/team}` and nothing else — and the tournament results are read by every player and
 * written only by the tournament role, which only an organizer can take.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	clientsFor,
	destroyClients,
	failureOf,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import {
	ACCOUNT,
	asPlayerCredentials,
	chain,
	tagClaim,
	TAGS_CLAIM,
	webIdentity,
} from './sts-clients';

const Bucket = 'fedplay-game-data';
const RED = 'teams/red/board.json';
const BLUE = 'teams/blue/board.json';
const RESULTS = 'tournament/results.json';

let sandbox: Sandbox;
const players: Record<string, PlayerClients> = {};

/** Clients for `player`'s session at `provider`, with claims replaced when asked. */
async function sessionFor(player: string, provider = 0, overrides?: Record<string, unknown>) {
	const answer = await webIdentity(sandbox, player, {
		provider,
		...(overrides ? { overrides } : {}),
	});
	return clientsFor(sandbox, asPlayerCredentials(answer.Credentials!));
}

beforeAll(async () => {
	sandbox = await startTestSandbox();
	const [alice, bob, carol, arcadeBob] = await Promise.all([
		sessionFor('alice'),
		sessionFor('bob'),
		sessionFor('carol'),
		sessionFor('bob', 1),
	]);
	const tournament = await chain(sandbox, (await webIdentity(sandbox, 'carol')).Credentials!);
	Object.assign(players, {
		alice,
		bob,
		carol,
		arcadeBob,
		tournament: clientsFor(sandbox, asPlayerCredentials(tournament.Credentials!)),
	});
});

afterAll(async () => {
	destroyClients(...Object.values(players));
	await sandbox?.close();
});

const put = (who: string, Key: string, Body = '{"best":1}') =>
	players[who]!.s3.send(new PutObjectCommand({ Bucket, Key, Body }));
const read = async (who: string, Key: string) =>
	(await players[who]!.s3.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString();
const principal = (who: string) =>
	who === 'tournament'
		? `arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-tournament/tournament-carol`
		: `arn:aws:sts::${ACCOUNT}:assumed-role/${who === 'arcadeBob' ? 'fedplay-player-arcade' : 'fedplay-player'}/fedplay-${who === 'arcadeBob' ? 'bob' : who}`;
const denied = (who: string, action: string, Key: string) => ({
	name: 'AccessDenied',
	status: 403,
	message: `User: ${principal(who)} is not authorized to perform: ${action} on resource: "arn:aws:s3:::${Bucket}/${Key}" because no identity-based policy allows the ${action} action`,
});

describe('the team board', () => {
	it('is shared by teammates: alice writes red’s, bob reads it and writes it back, at either provider', async () => {
		await put('alice', RED, '{"best":10,"message":"go red"}');
		expect(await read('bob', RED)).toBe('{"best":10,"message":"go red"}');
		await put('bob', RED, '{"best":12,"message":"go red"}');
		expect(await read('alice', RED)).toBe('{"best":12,"message":"go red"}');
		expect(await read('arcadeBob', RED)).toBe('{"best":12,"message":"go red"}');
	});

	it('is carol’s alone on team blue', async () => {
		await put('carol', BLUE, '{"best":7}');
		expect(await read('carol', BLUE)).toBe('{"best":7}');
	});

	it.each([
		['carol', 'red', RED],
		['alice', 'blue', BLUE],
		['bob', 'blue', BLUE],
		['arcadeBob', 'blue', BLUE],
	])('is closed to %s for team %s’s board: neither read nor write', async (who, _, Key) => {
		expect(await failureOf(read(who, Key))).toEqual(denied(who, 's3:GetObject', Key));
		expect(await failureOf(put(who, Key))).toEqual(denied(who, 's3:PutObject', Key));
	});

	it.each([
		'teams/red/board.json.bak',
		'teams/red/other.json',
		'teams/Red/board.json',
		'teams/red/sub/board.json',
		'teams/board.json',
	])('lets alice write no key but her team’s board (%s)', async (Key) => {
		expect((await failureOf(put('alice', Key))).name).toBe('AccessDenied');
	});

	it.each(['teams/red/../blue/board.json', 'teams//board.json'])(
		'refuses %s before any policy (the gateway’s key rules), so no path trick reaches a board',
		async (Key) => {
			expect((await failureOf(put('alice', Key))).name).toBe('InvalidArgument');
		},
	);

	it('lists nothing: a member knows the one key', async () => {
		const listed = await failureOf(
			players['alice']!.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'teams/red/' })),
		);
		expect(listed.name).toBe('AccessDenied');
	});

	it('is nobody’s board for a session without a team tag (the variable resolves to nothing)', async () => {
		const untagged = await sessionFor('alice', 0, { [TAGS_CLAIM]: undefined });
		try {
			for (const Key of [RED, BLUE, 'teams/undefined/board.json', 'teams/board.json']) {
				expect(
					(await failureOf(untagged.s3.send(new GetObjectCommand({ Bucket, Key })))).name,
				).toBe('AccessDenied');
			}
		} finally {
			destroyClients(untagged);
		}
	});

	it('follows the tag, not the player: alice tagged blue reads blue’s board, not red’s', async () => {
		const switched = await sessionFor('alice', 0, tagClaim({ team: ['blue'] }, ['team']));
		try {
			const body = await switched.s3.send(new GetObjectCommand({ Bucket, Key: BLUE }));
			expect(await body.Body!.transformToString()).toBe('{"best":7}');
			expect(
				(await failureOf(switched.s3.send(new GetObjectCommand({ Bucket, Key: RED })))).name,
			).toBe('AccessDenied');
		} finally {
			destroyClients(switched);
		}
	});

	it('is not the tournament role’s to touch, though it carries carol’s team tag', async () => {
		expect(await failureOf(read('tournament', BLUE))).toEqual(
			denied('tournament', 's3:GetObject', BLUE),
		);
	});
});

describe('the tournament results', () => {
	it('are written by the tournament role and read by every player', async () => {
		await put('tournament', RESULTS, '{"winner":"red"}');
		for (const who of ['alice', 'bob', 'carol', 'arcadeBob', 'tournament'])
			expect(await read(who, RESULTS)).toBe('{"winner":"red"}');
	});

	it.each(['alice', 'bob', 'carol', 'arcadeBob'])(
		'are never written by %s’s player session (carol included: organizer, but not the tournament role)',
		async (who) => {
			expect(await failureOf(put(who, RESULTS))).toEqual(denied(who, 's3:PutObject', RESULTS));
		},
	);

	it('give the tournament role nothing else: no player data, no other tournament key', async () => {
		expect((await failureOf(put('tournament', 'tournament/other.json'))).name).toBe('AccessDenied');
		expect((await failureOf(read('tournament', 'players/oidc1/carol/profile.json'))).name).toBe(
			'AccessDenied',
		);
	});
});
