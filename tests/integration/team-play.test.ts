/**
 * Issue 16 where the app's own code meets the sandbox: the OIDC credential source records the session tags and
 * source identity; the team board (lib/game/team-board.ts) is shared by teammates and closed to the other team;
 * the chained role source (lib/federation/chained-source.ts) takes the tournament role from carol's session —
 * parent refreshed first, never outliving it — and publishes the results every player reads; bob is refused
 * the role in STS's words, explained by the app's error table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import type { RuntimeConfig } from '../../src/lib/config/schema';
import { isAppError } from '../../src/lib/errors';
import { createChainedRoleSource } from '../../src/lib/federation/chained-source';
import {
	createCredentialProvider,
	type CredentialProvider,
	type CredentialVault,
} from '../../src/lib/federation/credential-provider';
import { createOidcWebIdentitySource } from '../../src/lib/federation/oidc-source';
import { createRefreshCoordinator } from '../../src/lib/federation/refresh-coordinator';
import { createGameData, type GameData } from '../../src/lib/game/data';
import { loadResults, publishResults, resultsFrom } from '../../src/lib/game/results';
import { loadTeamBoard, postToTeamBoard } from '../../src/lib/game/team-board';
import { explainAwsError } from '../../src/lib/inspector/explain-error';
import { createLocalLockManager } from '../../src/lib/vault/locks';
import type { CredentialRecord } from '../../src/lib/vault/types';
import { startTestSandbox } from './gateway-clients';

let sandbox: Sandbox;
let config: RuntimeConfig & { tournamentRoleArn: string };
const open: { close(): void }[] = [];
const datas: GameData[] = [];

function memoryVault(): CredentialVault & { keys(): string[] } {
	const stored = new Map<string, CredentialRecord>();
	return {
		load: async (key) => stored.get(key) ?? null,
		save: async (record) => void stored.set(record.sourceKey, record),
		remove: async (key) => void stored.delete(key),
		keys: () => [...stored.keys()],
	};
}

const locks = createLocalLockManager();
const coordinator = (lockName?: string) =>
	createRefreshCoordinator({ locks, channel: null, ...(lockName ? { lockName } : {}) });

interface PlayerSession {
	provider: CredentialProvider;
	key: string;
	tokensIssued: () => number;
	data: GameData;
	vault: ReturnType<typeof memoryVault>;
}

/** `name` signed in with the app's own OIDC source and credential provider (the sandbox's 900 s sessions). */
function playerSession(name: string): PlayerSession {
	let issued = 0;
	const source = createOidcWebIdentitySource({
		provider: config.providers[0]!,
		config,
		now: Date.now,
		tokens: {
			current: async () => {
				issued++;
				return sandbox.idps[0]!.issueIdToken(name);
			},
			renewSilently: async () => null,
			signInAgain: () => Promise.reject(new Error('no player here')),
		},
	});
	const vault = memoryVault();
	const provider = createCredentialProvider({
		source,
		vault,
		coordinator: coordinator(),
		timers: false,
	});
	open.push(provider);
	const data = createGameData({ config, credentials: provider, callLog: null, maxAttempts: 1 });
	datas.push(data);
	return { provider, key: source.key, tokensIssued: () => issued, data, vault };
}

function chainFrom(parent: PlayerSession) {
	const source = createChainedRoleSource({
		parent: {
			credentials: parent.provider,
			current: () => parent.provider.current(),
			refreshNow: () => parent.provider.refreshNow(),
			key: parent.key,
		},
		roleArn: config.tournamentRoleArn,
		now: Date.now,
		config,
	});
	const provider = createCredentialProvider({
		source,
		vault: parent.vault,
		coordinator: coordinator('fedplay-refresh-chained'),
		timers: false,
	});
	open.push(provider);
	return { source, provider };
}

let alice: PlayerSession;
let bob: PlayerSession;
let carol: PlayerSession;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	const runtime = sandboxRuntimeConfig(sandbox) as RuntimeConfig;
	if (!runtime.tournamentRoleArn) throw new Error('the sandbox config names no tournament role');
	config = { ...runtime, tournamentRoleArn: runtime.tournamentRoleArn };
	alice = playerSession('alice');
	bob = playerSession('bob');
	carol = playerSession('carol');
	await Promise.all([alice.provider(), bob.provider(), carol.provider()]);
});

afterAll(async () => {
	for (const o of open) o.close();
	for (const d of datas) d.destroy();
	await sandbox?.close();
});

describe('the OIDC source records the session’s tags and source identity', () => {
	it.each([
		['alice', () => alice, { team: 'red' }, 'alice@fedplay-id.example'],
		['carol', () => carol, { team: 'blue', role: 'organizer' }, 'carol@fedplay-id.example'],
	])('%s', (_, who, tags, sourceIdentity) => {
		expect(who().provider.current()).toMatchObject({
			tags,
			transitiveTagKeys: ['team'],
			sourceIdentity,
		});
	});
});

describe('the team board through the app’s data calls', () => {
	it('alice posts, bob (her teammate) reads it and posts on top', async () => {
		const first = await postToTeamBoard(
			alice.data,
			'red',
			{
				by: 'alice',
				score: 420,
				message: 'red rules',
				at: new Date().toISOString(),
				writeId: 'a1',
			},
			await loadTeamBoard(alice.data, 'red'),
		);
		const seen = await loadTeamBoard(bob.data, 'red');
		expect(seen?.board).toEqual(first.board);
		// Bob posts on what he saw; alice's stale copy then loses the race and is merged, not lost.
		await postToTeamBoard(
			bob.data,
			'red',
			{ by: 'bob', score: 100, message: 'go', at: new Date().toISOString(), writeId: 'b1' },
			seen,
		);
		const merged = await postToTeamBoard(
			alice.data,
			'red',
			{ by: 'alice', score: 500, at: new Date().toISOString(), writeId: 'a2' },
			first,
		);
		expect(merged.board.best).toMatchObject({ score: 500, by: 'alice' });
		expect(merged.board.message).toMatchObject({ text: 'go', by: 'bob' });
	});

	it('red never reads or writes blue’s board, and the app explains why', async () => {
		const refused = await loadTeamBoard(alice.data, 'blue').catch((e: unknown) => e);
		expect((refused as { name?: string }).name).toBe('AccessDenied');
		// The app looks for a shared object with a listing of exactly its key first: red's role lists only
		// red's board, so the listing of blue's is what IAM refuses.
		expect(explainAwsError(refused).summary).toContain('s3:ListBucket');
		const write = await postToTeamBoard(
			bob.data,
			'blue',
			{ by: 'bob', message: 'hi blue', at: new Date().toISOString(), writeId: 'x' },
			null,
		).catch((e: unknown) => e);
		expect((write as { name?: string }).name).toBe('AccessDenied');
	});
});

describe('the tournament role, chained from carol’s session', () => {
	it('refreshes carol’s 15-minute session first, never outlives it, and publishes what bob reads', async () => {
		const before = carol.provider.current()!;
		const tokens = carol.tokensIssued();
		const chain = chainFrom(carol);
		const access = { config, credentials: chain.provider, callLog: null, maxAttempts: 1 };
		const tournament = createGameData(access);
		datas.push(tournament);
		const results = resultsFrom(
			[
				{ displayName: 'Alice', topScore: 500 },
				{ displayName: 'Carol', topScore: 700 },
			],
			'carol',
			new Date(),
		);
		const previous = await loadResults(tournament);
		await publishResults(tournament, results, previous?.etag ?? null);

		// The sandbox's player sessions last 900 s: under STS's floor once any time passed, so the parent
		// was refreshed (a new token traded) before the AssumeRole, and the chain ends with it.
		expect(carol.tokensIssued()).toBe(tokens + 1);
		const parent = carol.provider.current()!;
		expect(parent.accessKeyId).not.toBe(before.accessKeyId);
		const held = chain.provider.current()!;
		expect(held.expiration).toBeLessThanOrEqual(parent.expiration);
		expect(held).toMatchObject({
			assumedRoleArn: expect.stringMatching(/:assumed-role\/fedplay-tournament\/tournament-carol$/),
			sourceIdentity: 'carol@fedplay-id.example',
			tags: { team: 'blue' },
			parent: carol.key,
		});
		// Its own vault key, beside the parent's.
		expect(carol.vault.keys()).toEqual(expect.arrayContaining([carol.key, chain.source.key]));

		expect((await loadResults(bob.data))?.results).toEqual(results);
		expect((await loadResults(alice.data))?.results.standings[0]).toEqual({
			name: 'Carol',
			score: 700,
		});
	});

	it('refuses bob the role in STS’s words, explained as organizers only', async () => {
		const chain = chainFrom(bob);
		const refused = await chain.provider().catch((e: unknown) => e);
		expect(isAppError(refused)).toBe(true);
		expect(refused).toMatchObject({
			code: 'access-denied',
			details: expect.objectContaining({
				upstreamCode: 'AccessDenied',
				title: 'Only organizers can take the tournament role',
				upstreamMessage: expect.stringContaining(
					'sts:AssumeRole on resource: arn:aws:iam::123456789012:role/fedplay-tournament because no role trust policy allows',
				),
			}),
		});
	});

	it('a player without the organizer tag never writes the results with their own session', async () => {
		const current = await loadResults(bob.data);
		const refused = await publishResults(
			bob.data,
			resultsFrom([{ displayName: 'Bob', topScore: 1 }], 'bob', new Date()),
			current?.etag ?? null,
		).catch((e: unknown) => e);
		expect((refused as { name?: string }).name).toBe('AccessDenied');
	});
});
