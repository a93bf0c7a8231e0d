import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GameData } from '../../../src/lib/game/data';
import { gameSession } from '../../../src/lib/game/session.svelte';
import * as outbox from '../../../src/lib/vault/outbox';
import { createLocalLockManager } from '../../../src/lib/vault/locks';
import { freshVault } from '../vault/fresh-vault';

/*
 * The first seconds after sign-in: a run finished before the data layer could load (offline) goes into
 * the outbox at once, and is sent once the layer loads. The layer's download is what fails here (the
 * sandbox cannot take the app's chunks away); the AWS calls are recorded, not sent.
 */

const player = { segment: 'oidc1', id: 'carol', name: 'Carol' };

function recordingData() {
	const sent: { operation: string; input: Record<string, unknown> }[] = [];
	const nothing = async () => ({ Items: [] });
	const data = {
		bucket: 'b',
		table: 't',
		s3: {
			getObject: () => Promise.reject(Object.assign(new Error('none'), { name: 'NoSuchKey' })),
			listObjectsV2: async () => ({ objects: [] }),
			putObject: async () => ({ etag: '"e"' }),
			deleteObject: async () => {},
		},
		dynamodb: {
			call: async (operation: string, input: Record<string, unknown>) => {
				sent.push({ operation, input });
				return nothing();
			},
		},
		destroy: () => {},
	} as unknown as GameData;
	return { data, sent };
}

/** `online` events the test fires; no timers (backoff never fires by itself). */
function network() {
	const listeners = new Set<() => void>();
	return {
		loader: {
			onOnline: (listener: () => void) => (
				listeners.add(listener),
				() => listeners.delete(listener)
			),
			setTimeout: () => undefined,
			clearTimeout: () => {},
		},
		backOnline: () => [...listeners].forEach((listener) => listener()),
	};
}

beforeEach(freshVault);
afterEach(() => gameSession.reset());

describe('a run finished before the data layer has loaded', () => {
	it('is queued at once for this player, then sent exactly once when the layer loads', async () => {
		const net = network();
		const { data, sent } = recordingData();
		let offline = true;
		let loads = 0;
		const loadLayer = async () => {
			loads += 1;
			if (offline) throw new TypeError('Failed to fetch dynamically imported module');
			return import('../../../src/lib/game/data-layer');
		};
		const started = gameSession.start(player, {
			config: { region: 'us-east-1', bucket: 'b', table: 't' },
			credentials: async () => ({ accessKeyId: 'A', secretAccessKey: 'S' }),
			data,
			loader: net.loader,
			loadLayer,
			runner: { locks: createLocalLockManager(), online: () => !offline, onOnline: () => () => {} },
		});
		await expect.poll(() => loads).toBe(1);

		await gameSession.recordRun({ score: 4321, durationMs: 60_000 });
		const [queued] = await outbox.list();
		expect(queued).toMatchObject({ kind: 'score', state: 'pending' });
		expect(queued?.payload).toMatchObject({
			score: 4321,
			owner: { segment: 'oidc1', id: 'carol' },
		});
		expect(gameSession.actionError).toBeNull();
		expect(gameSession.lastRun?.score).toBe(4321);

		offline = false;
		net.backOnline();
		await started;
		await expect.poll(async () => (await outbox.list()).length).toBe(0);
		const writes = sent.filter((s) => s.operation === 'TransactWriteItems');
		expect(writes).toHaveLength(1);
		// The partition is bound when the write is sent: the session's player, in the data layout.
		expect(JSON.stringify(writes[0]?.input)).toContain('"oidc1/carol"');
		await expect.poll(() => gameSession.lastRun?.status).toBe('saved');
		expect(loads).toBe(2);
	});
});
