import { describe, expect, it } from 'vitest';
import { backoffDelay, createConnectivity } from '../../../src/lib/aws/connectivity';

function harness(probeResults: boolean[]) {
	const due: { run: () => void; ms: number }[] = [];
	const online = new Set<() => void>();
	let probes = 0;
	const connectivity = createConnectivity({
		probe: async () => {
			probes += 1;
			if (!probeResults.shift()) throw new TypeError('Failed to fetch');
		},
		setTimeout: (run, ms) => due.push({ run, ms }),
		clearTimeout: () => {},
		onOnline: (listener) => (online.add(listener), () => online.delete(listener)),
		backoff: { baseMs: 1_000, capMs: 8_000, random: () => 0 },
	});
	let recoveries = 0;
	connectivity.onRecover(() => (recoveries += 1));
	return {
		connectivity,
		due,
		fire: () => online.forEach((listener) => listener()),
		probes: () => probes,
		recoveries: () => recoveries,
	};
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('connectivity to the endpoint', () => {
	it('equal-jitter back-off, doubling and capped', () => {
		const options = { baseMs: 1_000, capMs: 8_000, random: () => 0 };
		expect([1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, options))).toEqual([
			500, 1_000, 2_000, 4_000, 4_000, 4_000,
		]);
		expect(backoffDelay(1, { ...options, random: () => 0.999 })).toBeCloseTo(1_000, -1);
	});

	it('after a lost call, probes the endpoint with growing back-off until it answers, then tells everyone once', async () => {
		const h = harness([false, false, true]);
		h.connectivity.lost();
		expect(h.connectivity.reachable).toBe(false);
		expect(h.due.map((d) => d.ms)).toEqual([500]);
		h.due[0]!.run();
		await tick();
		h.due[1]!.run();
		await tick();
		expect(h.due.map((d) => d.ms)).toEqual([500, 1_000, 2_000]);
		expect(h.recoveries()).toBe(0);
		h.due[2]!.run();
		await tick();
		expect(h.probes()).toBe(3);
		expect(h.connectivity.reachable).toBe(true);
		expect(h.recoveries()).toBe(1);
	});

	it('the endpoint can come back without any online event, and the event alone proves nothing', async () => {
		const h = harness([false, true]);
		h.connectivity.lost();
		h.fire();
		await tick();
		expect(h.probes()).toBe(1);
		expect(h.recoveries()).toBe(0);
		h.due.at(-1)!.run();
		await tick();
		expect(h.recoveries()).toBe(1);
	});

	it('a call answered meanwhile is recovery too; nothing is probed while the endpoint answers', async () => {
		const h = harness([]);
		h.fire();
		await tick();
		expect(h.probes()).toBe(0);
		h.connectivity.lost();
		h.connectivity.answered();
		expect(h.recoveries()).toBe(1);
		expect(h.connectivity.reachable).toBe(true);
	});

	it('stops probing and telling at sign-out', async () => {
		const h = harness([true]);
		h.connectivity.lost();
		h.connectivity.stop();
		h.due[0]!.run();
		await tick();
		expect(h.recoveries()).toBe(0);
	});
});
