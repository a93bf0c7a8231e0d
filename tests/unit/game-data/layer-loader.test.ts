import { describe, expect, it } from 'vitest';
import { loadWhenOnline } from '../../../src/lib/game/layer-loader';

function fakeTimers() {
	const due: { run: () => void; ms: number }[] = [];
	const listeners = new Set<() => void>();
	return {
		deps: {
			setTimeout: (run: () => void, ms: number) => due.push({ run, ms }),
			clearTimeout: () => {},
			onOnline: (listener: () => void) => (
				listeners.add(listener),
				() => listeners.delete(listener)
			),
			backoff: { random: () => 0 },
		},
		due,
		listeners,
		online: () => [...listeners].forEach((listener) => listener()),
	};
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('loading the data layer whenever the network allows', () => {
	it('tries at once, again with backoff, and again when the browser is back online', async () => {
		const timers = fakeTimers();
		let attempts = 0;
		const { loaded } = loadWhenOnline(async () => {
			attempts += 1;
			if (attempts < 3) throw new TypeError('Failed to fetch');
			return 'layer';
		}, timers.deps);
		await tick();
		expect(attempts).toBe(1);
		expect(timers.due.map((d) => d.ms)).toEqual([1_000]);
		timers.due[0]!.run();
		await tick();
		expect(attempts).toBe(2);
		expect(timers.due.map((d) => d.ms)).toEqual([1_000, 2_000]);
		timers.online();
		await expect(loaded).resolves.toBe('layer');
		expect(attempts).toBe(3);
		expect(timers.listeners.size).toBe(0);
	});

	it('makes one attempt at a time, however many online events arrive', async () => {
		const timers = fakeTimers();
		let attempts = 0;
		let finish!: () => void;
		loadWhenOnline(() => {
			attempts += 1;
			return new Promise<void>((resolve) => (finish = resolve));
		}, timers.deps);
		timers.online();
		timers.online();
		expect(attempts).toBe(1);
		finish();
	});

	it('tries no more once stopped', async () => {
		const timers = fakeTimers();
		let attempts = 0;
		const loading = loadWhenOnline(async () => {
			attempts += 1;
			throw new TypeError('Failed to fetch');
		}, timers.deps);
		await tick();
		loading.stop();
		timers.online();
		timers.due.at(-1)?.run();
		await tick();
		expect(attempts).toBe(1);
		expect(timers.listeners.size).toBe(0);
	});

	it('reports it cannot load in this page once loads keep failing while the network answers', async () => {
		const timers = fakeTimers();
		let answering = false;
		const probes: boolean[] = [];
		const loading = loadWhenOnline(
			async () => {
				throw new TypeError('Failed to fetch dynamically imported module');
			},
			{
				...timers.deps,
				probe: async () => {
					probes.push(answering);
					if (!answering) throw new TypeError('Failed to fetch');
				},
			},
		);
		let stuck = false;
		void loading.stuck.then(() => (stuck = true));
		// Offline: failures say nothing about the page, however many.
		await tick();
		timers.due.at(-1)!.run();
		await tick();
		timers.due.at(-1)!.run();
		await tick();
		expect(probes).toEqual([false, false, false]);
		expect(stuck).toBe(false);
		// The network answers: one failure may be a hiccup, the second means the page will not get it.
		answering = true;
		timers.online();
		await tick();
		expect(stuck).toBe(false);
		timers.due.at(-1)!.run();
		await tick();
		expect(stuck).toBe(true);
		// It keeps trying meanwhile (another browser may fetch again).
		expect(timers.due.length).toBe(5);
		loading.stop();
	});

	it('never reports stuck once the layer has loaded, nor after a stop', async () => {
		const timers = fakeTimers();
		let attempts = 0;
		const probe = async () => {};
		const loaded = loadWhenOnline(
			async () => {
				attempts += 1;
				if (attempts < 2) throw new TypeError('Failed to fetch');
				return 'layer';
			},
			{ ...timers.deps, probe, stuckAfter: 2 },
		);
		let stuck = false;
		void loaded.stuck.then(() => (stuck = true));
		await tick();
		timers.online();
		await expect(loaded.loaded).resolves.toBe('layer');
		await tick();
		expect(stuck).toBe(false);

		const stopped = loadWhenOnline(
			async () => {
				throw new TypeError('Failed to fetch');
			},
			{ ...timers.deps, probe, stuckAfter: 1 },
		);
		void stopped.stuck.then(() => (stuck = true));
		stopped.stop();
		await tick();
		expect(stuck).toBe(false);
	});
});
