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
});
