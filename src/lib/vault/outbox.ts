import * as v from 'valibot';
import { isSealed, seal, unseal } from './crypto';
import { vault } from './backend';
import type { OutboxKind, OutboxState, Sealed, StoredOutboxWrite } from './types';

/** A write waiting for AWS. `id` is client-generated (a UUID) and travels with the write for dedupe. */
export interface OutboxWrite {
	id: string;
	kind: OutboxKind;
	createdAt: number;
	/** JSON-serialisable player data (never credentials). */
	payload: unknown;
}

export interface OutboxEntry extends OutboxWrite {
	seq: number;
	state: OutboxState;
	attempts: number;
	nextAttemptAt: number;
	lastError?: string;
	explanation?: string;
	/** For a conflict: the ETag the other writer left (null: they deleted it). */
	remoteEtag?: string | null;
}

const StoredSchema = v.object({
	seq: v.number(),
	id: v.string(),
	kind: v.picklist(['score', 'profile', 'save']),
	createdAt: v.number(),
	state: v.picklist(['pending', 'sending', 'retrying', 'waiting', 'denied', 'conflict']),
	attempts: v.number(),
	nextAttemptAt: v.number(),
	lastError: v.optional(v.string()),
	explanation: v.optional(v.string()),
	remoteEtag: v.optional(v.nullable(v.string())),
	payload: v.custom<Sealed>(isSealed),
});

const listeners = new Set<() => void>();

/** Other tabs share the outbox (one IndexedDB), so each change is announced to them too. */
export const OUTBOX_CHANNEL = 'fedplay-outbox';
let channel: BroadcastChannel | null | undefined;

function crossTab(): BroadcastChannel | null {
	if (channel === undefined) {
		channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(OUTBOX_CHANNEL);
		if (channel) {
			channel.onmessage = notifyHere;
			// Node (tests) would otherwise keep the process alive for this channel.
			(channel as { unref?: () => void }).unref?.();
		}
	}
	return channel;
}

/**
 * Call `listener` after every change to the outbox, in this tab or another one of this browser. Returns the
 * unsubscribe function.
 */
export function onOutboxChange(listener: () => void): () => void {
	crossTab();
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function notifyHere(): void {
	for (const listener of listeners) listener();
}

async function changed(): Promise<void> {
	notifyHere();
	// Other tabs share an IndexedDB outbox; a memory one is this tab's alone.
	if ((await vault()).mode === 'indexeddb') crossTab()?.postMessage('changed');
}

// The AAD ties the sealed payload to its write id and kind: a payload can't be replayed as another write.
function aad(id: string, kind: OutboxKind): string {
	return `outbox|${id}|${kind}`;
}

/** Add a write at the end of the queue. Enqueuing an id that is already there does nothing. */
export async function enqueue(write: OutboxWrite): Promise<void> {
	const payload = await seal(JSON.stringify(write.payload), aad(write.id, write.kind));
	const { id, kind, createdAt } = write;
	await (
		await vault()
	).outbox.add({
		id,
		kind,
		createdAt,
		state: 'pending',
		attempts: 0,
		nextAttemptAt: 0,
		payload,
	});
	await changed();
}

/** Every write, oldest first, payloads opened. */
export async function list(): Promise<OutboxEntry[]> {
	const records = await (await vault()).outbox.all();
	return Promise.all(records.map(toEntry));
}

/** Writes still to be delivered (everything but denied and conflicted), in delivery order. */
export async function pending(): Promise<OutboxEntry[]> {
	return (await list()).filter((entry) => entry.state !== 'denied' && entry.state !== 'conflict');
}

export function markSending(id: string): Promise<void> {
	return update(id, (w) => ({ ...w, state: 'sending' }));
}

/** A failed attempt: count it, keep the error (no secrets in it), and say when to try again. */
export function markAttempt(
	id: string,
	error: string | undefined,
	nextAttemptAt: number,
): Promise<void> {
	return update(id, (w) => ({
		...w,
		state: 'retrying',
		attempts: w.attempts + 1,
		nextAttemptAt,
		...(error === undefined ? {} : { lastError: error }),
	}));
}

/**
 * No credentials to send with until the player signs in again: the write waits in the outbox, attempts and
 * backoff untouched, so it goes out as soon as delivery starts again.
 */
export function markWaiting(id: string, reason: string | undefined): Promise<void> {
	return update(id, (w) => ({
		...w,
		state: 'waiting',
		...(reason === undefined ? {} : { lastError: reason }),
	}));
}

/** The policy said no: set the write aside for the player to see and discard; never retried. */
export function markDenied(id: string, explanation: string): Promise<void> {
	return update(id, (w) => ({ ...w, state: 'denied', attempts: w.attempts + 1, explanation }));
}

/**
 * A conditional write lost to another writer (another tab or device): set aside, never retried, until the
 * player keeps theirs or takes the other version. `remoteEtag`: what is stored there now (null: deleted).
 */
export function markConflict(
	id: string,
	explanation: string,
	remoteEtag: string | null,
): Promise<void> {
	return update(id, (w) => ({
		...w,
		state: 'conflict',
		attempts: w.attempts + 1,
		explanation,
		remoteEtag,
	}));
}

/** AWS acknowledged the write: it leaves the outbox. */
export function ack(id: string): Promise<void> {
	return remove(id);
}

/** The player gave up on a write. */
export function discard(id: string): Promise<void> {
	return remove(id);
}

async function update(
	id: string,
	change: (w: StoredOutboxWrite) => StoredOutboxWrite,
): Promise<void> {
	await (await vault()).outbox.update(id, change);
	await changed();
}

async function remove(id: string): Promise<void> {
	await (await vault()).outbox.remove(id);
	await changed();
}

// A record that can't be read back is shown as denied (so the player can discard it), never sent.
async function toEntry(record: StoredOutboxWrite): Promise<OutboxEntry> {
	const unreadable = {
		seq: record.seq ?? -1,
		id: String(record.id),
		kind: record.kind,
		createdAt: record.createdAt,
		attempts: record.attempts,
		nextAttemptAt: record.nextAttemptAt,
		payload: null,
		state: 'denied' as const,
		explanation: 'This write could not be read back from the browser storage.',
	};
	if (!v.is(StoredSchema, record)) return unreadable;
	const { payload, ...rest } = record;
	try {
		return { ...rest, payload: JSON.parse(await unseal(payload, aad(record.id, record.kind))) };
	} catch {
		return unreadable;
	}
}
