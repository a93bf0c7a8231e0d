import { describe, expect, it } from 'vitest';
import {
	createRefreshCoordinator,
	isCoordinatorMessage,
	type CoordinatorMessage,
} from '../../../src/lib/federation/refresh-coordinator';
import { createLocalLockManager } from '../../../src/lib/vault/locks';

const channelName = () => `fedplay-test-${Math.random()}`;

describe('refresh coordinator', () => {
	it('runs a task once for concurrent callers in the tab, and shares its result', async () => {
		const coordinator = createRefreshCoordinator({
			locks: createLocalLockManager(),
			channel: null,
		});
		let runs = 0;
		const task = async () => {
			runs += 1;
			await new Promise((r) => setTimeout(r, 5));
			return `result-${runs}`;
		};
		const results = await Promise.all(
			Array.from({ length: 10 }, () => coordinator.singleFlight('k', task)),
		);
		expect(runs).toBe(1);
		expect(new Set(results)).toEqual(new Set(['result-1']));
		// Once settled, the next call runs again.
		await expect(coordinator.singleFlight('k', task)).resolves.toBe('result-2');
	});

	it('shares a failure with every waiting caller, then lets the next call try again', async () => {
		const coordinator = createRefreshCoordinator({
			locks: createLocalLockManager(),
			channel: null,
		});
		const boom = new Error('boom');
		const failing = async () => {
			throw boom;
		};
		const outcomes = await Promise.allSettled([
			coordinator.singleFlight('k', failing),
			coordinator.singleFlight('k', failing),
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
		await expect(coordinator.singleFlight('k', async () => 'ok')).resolves.toBe('ok');
	});

	it('runs tabs one after another under the browser-wide lock, never together', async () => {
		const locks = createLocalLockManager();
		const tabs = [1, 2, 3].map(() => createRefreshCoordinator({ locks, channel: null }));
		let inside = 0;
		let maxInside = 0;
		const task = async () => {
			inside += 1;
			maxInside = Math.max(maxInside, inside);
			await new Promise((r) => setTimeout(r, 3));
			inside -= 1;
		};
		await Promise.all(tabs.map((t) => t.singleFlight('k', task)));
		expect(maxInside).toBe(1);
	});

	it('asks for the fedplay-refresh lock', async () => {
		const names: string[] = [];
		const locks = createLocalLockManager();
		const coordinator = createRefreshCoordinator({
			locks: {
				request: (name, options, cb) => (names.push(name), locks.request(name, options, cb)),
			},
			channel: null,
		});
		await coordinator.singleFlight('k', async () => 1);
		expect(names).toEqual(['fedplay-refresh']);
	});

	it('delivers announcements to the other tabs, not to itself', async () => {
		const name = channelName();
		const a = createRefreshCoordinator({ channel: new BroadcastChannel(name) });
		const b = createRefreshCoordinator({ channel: new BroadcastChannel(name) });
		const heardByA: CoordinatorMessage[] = [];
		const heardByB: CoordinatorMessage[] = [];
		a.subscribe((m) => heardByA.push(m));
		b.subscribe((m) => heardByB.push(m));
		a.announce({ type: 'credentials-updated', key: 'sandbox|arn:r' });
		a.announce({ type: 'signed-out' });
		await expect.poll(() => heardByB.length).toBe(2);
		expect(heardByB).toEqual([
			{ type: 'credentials-updated', key: 'sandbox|arn:r' },
			{ type: 'signed-out' },
		]);
		expect(heardByA).toEqual([]);
		a.close();
		b.close();
	});

	it('ignores malformed messages on the channel', async () => {
		const name = channelName();
		const raw = new BroadcastChannel(name);
		const tab = createRefreshCoordinator({ channel: new BroadcastChannel(name) });
		const heard: CoordinatorMessage[] = [];
		tab.subscribe((m) => heard.push(m));
		raw.postMessage({ type: 'credentials-updated' });
		raw.postMessage('signed-out');
		raw.postMessage({ type: 'signed-out' });
		await expect.poll(() => heard.length).toBe(1);
		expect(heard).toEqual([{ type: 'signed-out' }]);
		raw.close();
		tab.close();
	});

	it.each([
		[{ type: 'signed-out' }, true],
		[{ type: 'credentials-updated', key: 'p|r' }, true],
		[{ type: 'credentials-updated', key: 1 }, false],
		[{ type: 'credentials-updated', providerId: 'p', roleArn: 'r' }, false],
		[{ type: 'hello' }, false],
		[null, false],
	])('isCoordinatorMessage(%j) is %s', (value, expected) => {
		expect(isCoordinatorMessage(value)).toBe(expected);
	});
});
