import { describe, expect, it } from 'vitest';
import { DeliveryTracker, deliveredIds, partsChangedBy } from '../../../src/lib/game/delivery';

const at = (...ids: string[]) => ids.map((id) => ({ id, kind: 'score' as const }));

describe('deliveredIds', () => {
	it('counts as delivered what was watched and is gone, unless the player discarded it', () => {
		const now = at('still-here');
		expect(deliveredIds(['still-here', 'acked', 'discarded'], now, new Set(['discarded']))).toEqual(
			['acked'],
		);
	});

	it('reports an id once even if watched twice', () => {
		expect(deliveredIds(['a', 'a'], [], new Set())).toEqual(['a']);
	});
});

describe('DeliveryTracker', () => {
	it('counts a write this tab queued as delivered once a later read no longer finds it', () => {
		const tracker = new DeliveryTracker();
		tracker.queued('run-1', 'score');
		const read = tracker.readStarted();
		expect(tracker.observe(read, [])).toEqual({
			ids: ['run-1'],
			reread: ['stats', 'leaderboard', 'runs'],
		});
		// Reported once.
		expect(tracker.observe(tracker.readStarted(), [])?.ids).toEqual([]);
	});

	it('does not count a write queued while an older read was on its way (the read may predate it)', () => {
		const tracker = new DeliveryTracker();
		const older = tracker.readStarted();
		tracker.queued('p-1', 'profile');
		expect(tracker.observe(older, [])?.ids).toEqual([]);
		expect(tracker.observe(tracker.readStarted(), [])?.ids).toEqual(['p-1']);
	});

	it('counts writes seen in the outbox, from this tab or another, once they leave it', () => {
		const tracker = new DeliveryTracker();
		expect(tracker.observe(tracker.readStarted(), [{ id: 's-1', kind: 'save' }])?.ids).toEqual([]);
		expect(tracker.observe(tracker.readStarted(), [])).toEqual({ ids: ['s-1'], reread: ['saves'] });
	});

	it('never counts a discarded write as delivered', () => {
		const tracker = new DeliveryTracker();
		tracker.observe(tracker.readStarted(), at('denied'));
		tracker.discarded('denied');
		expect(tracker.observe(tracker.readStarted(), [])?.ids).toEqual([]);
	});

	it('ignores a read that finishes after a newer one: its entries are stale', () => {
		const tracker = new DeliveryTracker();
		tracker.queued('w', 'score');
		const older = tracker.readStarted();
		const newer = tracker.readStarted();
		expect(tracker.observe(newer, [])?.ids).toEqual(['w']);
		expect(tracker.observe(older, at('w'))).toBeNull();
		// The stale read did not bring the delivered write back to be counted again.
		expect(tracker.observe(tracker.readStarted(), [])?.ids).toEqual([]);
	});

	it('keeps counting a write that is still in the outbox', () => {
		const tracker = new DeliveryTracker();
		tracker.queued('w', 'score');
		expect(tracker.observe(tracker.readStarted(), at('w'))?.ids).toEqual([]);
		expect(tracker.observe(tracker.readStarted(), at('w'))?.ids).toEqual([]);
		expect(tracker.observe(tracker.readStarted(), [])?.ids).toEqual(['w']);
	});
});

describe('partsChangedBy', () => {
	it('reads each part once, whatever kinds were delivered', () => {
		expect(partsChangedBy(['score', 'profile', 'score', 'save'])).toEqual([
			'stats',
			'leaderboard',
			'runs',
			'profile',
			'saves',
		]);
		expect(partsChangedBy([])).toEqual([]);
	});
});
