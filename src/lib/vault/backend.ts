/**
 * Where the vault keeps things, chosen once per page: IndexedDB (db.ts) when the browser opens it, else
 * memory — a browser that refuses IndexedDB (a private mode, a policy, a full disk) still signs in and plays,
 * and the session simply does not survive a reload. Every vault function works the same on both; nothing
 * else in the app knows which it is, except the notice that tells the player (`vaultMode`).
 */
import { vaultDb, type FedplayDB } from './db';
import type { StoredOutboxWrite } from './types';

type VaultMode = 'indexeddb' | 'memory';

/** One store of the vault: values by key. */
interface VaultStore<V> {
	get(key: string): Promise<V | undefined>;
	put(key: string, value: V): Promise<void>;
	/** In one step (two tabs may race): keep what is there if `keep` says so, else put `value`. */
	putUnless(key: string, value: V, keep: (existing: unknown) => existing is V): Promise<V>;
	delete(key: string): Promise<void>;
	entries(): Promise<[string, V][]>;
}

/** The outbox: writes in the order they were added (`seq`), found by their id. */
interface OutboxTable {
	/** Add at the end, unless a write with this id is there already. */
	add(write: Omit<StoredOutboxWrite, 'seq'>): Promise<void>;
	/** Every write, in order. */
	all(): Promise<StoredOutboxWrite[]>;
	update(id: string, change: (write: StoredOutboxWrite) => StoredOutboxWrite): Promise<void>;
	remove(id: string): Promise<void>;
}

interface VaultBackend {
	readonly mode: VaultMode;
	keys: VaultStore<CryptoKey>;
	credentials: VaultStore<FedplayDB['credentials']['value']>;
	oidc: VaultStore<FedplayDB['oidc']['value']>;
	meta: VaultStore<unknown>;
	outbox: OutboxTable;
	/** Empty every store, the vault key included (sign-out). */
	wipe(): Promise<void>;
}

type StoreName = 'keys' | 'credentials' | 'oidc' | 'meta';

/** A store of the IndexedDB database; the connection is asked for at each use, so it can reopen. */
function idbStore<V>(name: StoreName): VaultStore<V> {
	const db = vaultDb;
	return {
		get: async (key) => (await (await db()).get(name, key)) as V | undefined,
		put: async (key, value) => void (await (await db()).put(name, value as never, key)),
		async putUnless(key, value, keep) {
			const tx = (await db()).transaction(name, 'readwrite');
			const existing: unknown = await tx.store.get(key);
			if (!keep(existing)) await tx.store.put(value as never, key);
			await tx.done;
			return keep(existing) ? existing : value;
		},
		delete: async (key) => (await db()).delete(name, key),
		async entries() {
			const tx = (await db()).transaction(name);
			const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
			return keys.map((key, i) => [String(key), values[i] as V]);
		},
	};
}

const idbOutbox: OutboxTable = {
	async add(write) {
		const tx = (await vaultDb()).transaction('outbox', 'readwrite');
		if ((await tx.store.index('by-id').getKey(write.id)) === undefined) await tx.store.add(write);
		await tx.done;
	},
	all: async () => (await vaultDb()).getAll('outbox'),
	async update(id, change) {
		const tx = (await vaultDb()).transaction('outbox', 'readwrite');
		const current = await tx.store.index('by-id').get(id);
		if (current) await tx.store.put(change(current));
		await tx.done;
	},
	async remove(id) {
		const tx = (await vaultDb()).transaction('outbox', 'readwrite');
		const seq = await tx.store.index('by-id').getKey(id);
		if (seq !== undefined) await tx.store.delete(seq);
		await tx.done;
	},
};

const STORES = ['keys', 'credentials', 'oidc', 'outbox', 'meta'] as const;

function indexedDbBackend(): VaultBackend {
	return {
		mode: 'indexeddb',
		keys: idbStore('keys'),
		credentials: idbStore('credentials'),
		oidc: idbStore('oidc'),
		meta: idbStore('meta'),
		outbox: idbOutbox,
		async wipe() {
			const tx = (await vaultDb()).transaction(STORES, 'readwrite');
			await Promise.all([...STORES.map((name) => tx.objectStore(name).clear()), tx.done]);
		},
	};
}

function memoryStore<V>(map: Map<string, unknown>): VaultStore<V> {
	return {
		get: async (key) => map.get(key) as V | undefined,
		put: async (key, value) => void map.set(key, value),
		async putUnless(key, value, keep) {
			const existing = map.get(key);
			if (keep(existing)) return existing;
			map.set(key, value);
			return value;
		},
		delete: async (key) => void map.delete(key),
		entries: async () => [...map] as [string, V][],
	};
}

/** The outbox in memory, with IndexedDB's rules: ascending `seq`, ids unique. */
function memoryOutbox(rows: StoredOutboxWrite[]): OutboxTable {
	let next = 1;
	const at = (id: string) => rows.findIndex((row) => row.id === id);
	return {
		async add(write) {
			if (at(write.id) < 0) rows.push({ ...write, seq: next++ });
		},
		all: async () => rows.map((row) => ({ ...row })),
		async update(id, change) {
			const i = at(id);
			if (i >= 0) rows[i] = { ...change({ ...rows[i]! }), seq: rows[i]!.seq };
		},
		async remove(id) {
			const i = at(id);
			if (i >= 0) rows.splice(i, 1);
		},
	};
}

function memoryBackend(): VaultBackend {
	const maps = { keys: new Map(), credentials: new Map(), oidc: new Map(), meta: new Map() };
	const rows: StoredOutboxWrite[] = [];
	return {
		mode: 'memory',
		keys: memoryStore(maps.keys),
		credentials: memoryStore(maps.credentials),
		oidc: memoryStore(maps.oidc),
		meta: memoryStore(maps.meta),
		outbox: memoryOutbox(rows),
		async wipe() {
			for (const map of Object.values(maps)) map.clear();
			rows.length = 0;
		},
	};
}

let chosen: Promise<VaultBackend> | undefined;

/** The page's vault: IndexedDB if the browser opens it (tried once per page), else memory. */
export function vault(): Promise<VaultBackend> {
	chosen ??= vaultDb().then(indexedDbBackend, memoryBackend);
	return chosen;
}

/** Whether what the vault holds survives a reload (`indexeddb`) or lives in this tab only (`memory`). */
export async function vaultMode(): Promise<VaultMode> {
	return (await vault()).mode;
}

/** Choose again on the next use (tests: each test is a new page). */
export function forgetVaultChoice(): void {
	chosen = undefined;
}
