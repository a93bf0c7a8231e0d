/**
 * The signed-in player's game data as the screens see it: profile, stats, leaderboard, recent runs,
 * saves, the outbox, online state and read errors. The data layer (and the AWS SDK with it) is loaded
 * only when `start` is called after sign-in; `reset` at sign-out stops the outbox runner and forgets all.
 */
import { lifecycleContext } from '../auth/lifecycle';
import { isAppError } from '../errors';
import { appClock, credentialProvider } from '../federation/runtime';
import { samePlayer, type PlayerIdentity } from '../config/data-layout';
import type { OutboxEntry } from '../vault/outbox';
import type { GameData } from './clients';
import type { LeaderboardEntry } from './leaderboard';
import {
	deliveredIds,
	describeWrite,
	runStatus,
	type PendingWrite,
	type RunStatus,
} from './outbox-view';
import type { LoadedProfile, Profile } from './profile';
import type { LoadedSave, SaveSlot, SaveSummary } from './saves';
import type { MyStats, RunHistoryItem } from './scores';
import type { GameWrites } from './writes';

export type ReadPart = 'profile' | 'stats' | 'leaderboard' | 'runs' | 'saves';
export type LoadStatus = 'idle' | 'loading' | 'ready';

/** A finished run as the game reports it (`onGameOver`). */
export interface FinishedRun {
	score: number;
	durationMs: number;
}

/** The signed-in player: their provider's data segment and `sub` (`id`), and a name to show. */
export interface GamePlayer extends PlayerIdentity {
	/** The name from the ID token, used until the player saves a profile. */
	name: string;
}

/** Seams for tests and benchmarks: ready-made clients instead of the app's runtime ones. */
export interface StartOptions {
	data?: GameData;
}

type Layer = Awaited<ReturnType<typeof loadLayer>>;

/** The data layer, in its own chunk: none of it (nor the SDK) is needed before sign-in. */
async function loadLayer() {
	const [clients, leaderboard, profile, saves, scores, writes, outbox, explain] = await Promise.all(
		[
			import('./clients'),
			import('./leaderboard'),
			import('./profile'),
			import('./saves'),
			import('./scores'),
			import('./writes'),
			import('../vault/outbox'),
			import('../inspector/explain-error'),
		],
	);
	return { clients, leaderboard, profile, saves, scores, writes, outbox, explain };
}

/** The app's own clients: runtime config, the one shared credential provider, the app-wide call log. */
async function appDataClients(layer: Layer): Promise<GameData> {
	// The inspector's chunk (its app-wide call log); already loaded at start-up by connect.ts.
	const { callLog } = await import('../inspector/store.svelte');
	return layer.clients.createDataClients({
		config: lifecycleContext().config,
		credentials: credentialProvider(),
		clock: appClock(),
		callLog,
	});
}

class GameSession {
	#status = $state.raw<LoadStatus>('idle');
	#profile = $state.raw<LoadedProfile | null>(null);
	#stats = $state.raw<MyStats | null>(null);
	#leaderboard = $state.raw<LeaderboardEntry[]>([]);
	#runs = $state.raw<RunHistoryItem[]>([]);
	#saves = $state.raw<SaveSummary[]>([]);
	#loadedSave = $state.raw<LoadedSave | null>(null);
	#outbox = $state.raw<OutboxEntry[]>([]);
	#online = $state.raw(true);
	#errors = $state.raw<Partial<Record<ReadPart, string>>>({});
	#actionError = $state.raw<string | null>(null);
	#lastRun = $state.raw<{ id: string; score: number; delivered: boolean } | null>(null);
	#motionOverride = $state.raw<boolean | null>(null);
	#player = $state.raw<GamePlayer | null>(null);

	#layer: Layer | null = null;
	#data: GameData | null = null;
	#writes: GameWrites | null = null;
	#cleanup: (() => void)[] = [];
	/** Bumped by `reset`: work started before it must not write into the new session. */
	#epoch = 0;
	/** Outbox reads started so far; a queued id counts as delivered only in a read started after it. */
	#reads = 0;
	#watch = new Map<string, { kind: OutboxEntry['kind']; afterRead: number }>();
	#discarded = new Set<string>();

	get status() {
		return this.#status;
	}
	get profile() {
		return this.#profile?.profile ?? null;
	}
	get stats() {
		return this.#stats;
	}
	get leaderboard() {
		return this.#leaderboard;
	}
	get runs() {
		return this.#runs;
	}
	get saves() {
		return this.#saves;
	}
	get loadedSave() {
		return this.#loadedSave;
	}
	get online() {
		return this.#online;
	}
	get errors() {
		return this.#errors;
	}
	get actionError() {
		return this.#actionError;
	}
	/** Outbox entries for the "Pending writes" list, oldest first. */
	get pendingWrites(): PendingWrite[] {
		return this.#outbox.map(describeWrite);
	}
	/** The raw entry, for conflict resolution (its payload is the player's own edit). */
	entry(id: string): OutboxEntry | undefined {
		return this.#outbox.find((e) => e.id === id);
	}
	get lastRun(): { score: number; status: RunStatus } | null {
		const run = this.#lastRun;
		if (run === null) return null;
		return { score: run.score, status: runStatus(this.entry(run.id), run.delivered, this.#online) };
	}
	get displayName(): string {
		return this.#profile?.profile.displayName ?? this.#player?.name ?? 'Player';
	}
	/** The game runs calm when the profile asks for it or a loaded save's settings do. */
	get reducedMotion(): boolean {
		return this.#motionOverride ?? this.#profile?.profile.preferences.reducedMotion ?? false;
	}

	/** After sign-in: build the clients once, start the outbox runner, read everything in parallel. */
	async start(player: GamePlayer, options: StartOptions = {}): Promise<void> {
		if (this.#player && samePlayer(this.#player, player)) return;
		this.reset();
		const epoch = this.#epoch;
		this.#player = player;
		this.#status = 'loading';
		this.#watchOnline();
		let layer: Layer;
		let data: GameData;
		try {
			layer = await loadLayer();
			data = options.data ?? (await appDataClients(layer));
		} catch (error) {
			// A chunk that failed to load (offline at sign-in) or no credentials yet: shown, not thrown.
			if (epoch === this.#epoch)
				this.#actionError = `Your game data is unavailable: ${String(error)}`;
			return;
		}
		if (epoch !== this.#epoch) return layer.clients.destroyDataClients(data);
		this.#layer = layer;
		this.#data = data;
		this.#writes = layer.writes.createGameWrites({
			data,
			player: { segment: player.segment, id: player.id },
		});
		this.#cleanup.push(layer.outbox.onOutboxChange(() => void this.refreshOutbox()));
		this.#writes.runner.start();
		await Promise.all([
			this.refreshOutbox(),
			this.#read(['profile', 'stats', 'leaderboard', 'runs', 'saves']),
		]);
		if (epoch === this.#epoch) this.#status = 'ready';
	}

	/** Sign-out: stop delivering (the outbox itself stays in IndexedDB) and forget everything shown. */
	reset(): void {
		this.#epoch++;
		this.#writes?.runner.stop();
		for (const undo of this.#cleanup.splice(0)) undo();
		if (this.#data && this.#layer) this.#layer.clients.destroyDataClients(this.#data);
		this.#layer = null;
		this.#data = null;
		this.#writes = null;
		this.#watch.clear();
		this.#discarded.clear();
		this.#status = 'idle';
		this.#profile = null;
		this.#stats = null;
		this.#leaderboard = [];
		this.#runs = [];
		this.#saves = [];
		this.#loadedSave = null;
		this.#outbox = [];
		this.#errors = {};
		this.#actionError = null;
		this.#lastRun = null;
		this.#motionOverride = null;
		this.#player = null;
	}

	#watchOnline(): void {
		if (typeof window === 'undefined') return;
		const update = () => {
			this.#online = navigator.onLine;
		};
		update();
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		this.#cleanup.push(() => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		});
	}

	#explain(error: unknown): string {
		if (isAppError(error)) return error.message;
		const explained = this.#layer?.explain.explainAwsError(error);
		if (!explained) return String(error);
		return explained.code ? `${explained.code}: ${explained.summary}` : explained.summary;
	}

	/** Reads `parts` in parallel; each failure is explained on its own and the rest still show. */
	async #read(parts: readonly ReadPart[]): Promise<void> {
		const { layer, data, player, epoch } = this.#context();
		const readers: Record<ReadPart, () => Promise<void>> = {
			profile: async () => void (this.#profile = await layer.profile.loadProfile(data, player)),
			stats: async () => void (this.#stats = await layer.scores.loadMyStats(data, player)),
			leaderboard: async () =>
				void (this.#leaderboard = await layer.leaderboard.loadLeaderboard(data, 10)),
			runs: async () => void (this.#runs = await layer.scores.loadMyRuns(data, player, 5)),
			saves: async () => void (this.#saves = await layer.saves.listSaves(data, player)),
		};
		const results = await Promise.allSettled(parts.map((part) => readers[part]()));
		if (epoch !== this.#epoch) return;
		const errors = { ...this.#errors };
		results.forEach((result, i) => {
			const part = parts[i]!;
			if (result.status === 'rejected') errors[part] = this.#explain(result.reason);
			else delete errors[part];
		});
		this.#errors = errors;
		// The index answer carries no UserId: the player's row is found by their own summary item.
		this.#leaderboard = layer.leaderboard.markYou(this.#leaderboard, this.#stats);
	}

	#context() {
		const layer = this.#layer;
		const data = this.#data;
		const writes = this.#writes;
		const signedIn = this.#player;
		if (!layer || !data || !writes || !signedIn)
			throw new Error('The game session has not started.');
		const player: PlayerIdentity = { segment: signedIn.segment, id: signedIn.id };
		return { layer, data, writes, player, epoch: this.#epoch };
	}

	/** Re-reads the outbox; what left it since was acknowledged, so the data it changed is read again. */
	async refreshOutbox(): Promise<void> {
		const layer = this.#layer;
		if (!layer) return;
		const epoch = this.#epoch;
		const read = ++this.#reads;
		const entries = await layer.outbox.list();
		if (epoch !== this.#epoch) return;
		const watched = [...this.#watch].filter(([, w]) => w.afterRead < read).map(([id]) => id);
		const gone = deliveredIds(watched, entries, this.#discarded);
		for (const entry of entries) this.#watch.set(entry.id, { kind: entry.kind, afterRead: 0 });
		this.#outbox = entries;
		if (gone.length === 0) return;
		const kinds = new Set(gone.map((id) => this.#watch.get(id)?.kind));
		for (const id of gone) this.#watch.delete(id);
		if (this.#lastRun && gone.includes(this.#lastRun.id)) {
			this.#lastRun = { ...this.#lastRun, delivered: true };
		}
		const parts: ReadPart[] = [];
		if (kinds.has('score')) parts.push('stats', 'leaderboard', 'runs');
		if (kinds.has('profile')) parts.push('profile');
		if (kinds.has('save')) parts.push('saves');
		await this.#read(parts);
	}

	#queued(id: string, kind: OutboxEntry['kind']): void {
		if (!this.#watch.has(id)) this.#watch.set(id, { kind, afterRead: this.#reads });
	}

	/**
	 * Game over: the run goes to the outbox first (with a fresh runId, its idempotency key), then to
	 * DynamoDB when online. A run that beats the player's best counts as a win.
	 */
	async recordRun(run: FinishedRun): Promise<void> {
		try {
			const { writes } = this.#context();
			const runId = crypto.randomUUID();
			const best = this.#stats?.topScore ?? 0;
			this.#lastRun = { id: runId, score: run.score, delivered: false };
			await writes.queueScore({
				runId,
				score: run.score,
				playedAt: new Date().toISOString(),
				durationMs: Math.round(run.durationMs),
				displayName: this.displayName,
				won: run.score > best,
			});
			this.#queued(runId, 'score');
		} catch (error) {
			// Not even stored in the browser (no IndexedDB, or the session never started): say so.
			this.#lastRun = null;
			this.#actionError = `Your score could not be kept: ${this.#explain(error)}`;
		}
	}

	/** Saves the profile through the outbox on top of the ETag it was read with; shown at once. */
	async saveProfile(profile: Profile): Promise<void> {
		const { writes } = this.#context();
		const base = this.#profile;
		this.#profile = { profile, etag: base?.etag ?? '' };
		const id = await writes.queueProfile(profile, base?.etag || null);
		this.#queued(id, 'profile');
	}

	/**
	 * A conflicted profile or save: "keep mine" writes the player's version again on top of the current
	 * remote ETag; "use theirs" takes the remote version. Either way the conflicted write is discarded.
	 */
	async resolveConflict(id: string, choice: 'mine' | 'theirs'): Promise<void> {
		const { layer, data, writes, player } = this.#context();
		const entry = this.entry(id);
		if (!entry) return;
		this.#actionError = null;
		try {
			if (entry.kind === 'profile') {
				const mine = (entry.payload as { profile: Profile }).profile;
				const remote = await layer.profile.loadProfile(data, player);
				if (choice === 'mine') {
					this.#queued(await writes.queueProfile(mine, remote?.etag ?? null), 'profile');
					this.#profile = { profile: mine, etag: remote?.etag ?? '' };
				} else {
					this.#profile = remote;
				}
			} else if (entry.kind === 'save') {
				const p = entry.payload as { slot: SaveSlot; state: Record<string, unknown> };
				const remote = await layer.saves.loadSave(data, player, p.slot);
				if (choice === 'mine') {
					this.#queued(await writes.queueSave(p.slot, p.state, remote?.etag ?? null), 'save');
				}
				await this.#read(['saves']);
			}
			await this.discard(id);
		} catch (error) {
			this.#actionError = this.#explain(error);
		}
	}

	/** The player gives up on a write (denied, conflicted or just unwanted). */
	async discard(id: string): Promise<void> {
		const { layer } = this.#context();
		this.#discarded.add(id);
		await layer.outbox.discard(id);
	}

	/** Saves the player's best and settings to a slot, through the outbox. */
	async saveToSlot(slot: SaveSlot): Promise<void> {
		const { writes } = this.#context();
		const etag = this.#saves.find((s) => s.slot === slot)?.etag ?? null;
		const state = {
			bestScore: this.#stats?.topScore ?? 0,
			lastScore: this.#lastRun?.score ?? null,
			reducedMotion: this.reducedMotion,
		};
		this.#queued(await writes.queueSave(slot, state, etag), 'save');
	}

	/** Reads a slot and applies its settings to this session's game. */
	async loadSlot(slot: SaveSlot): Promise<void> {
		const { layer, data, player } = this.#context();
		this.#actionError = null;
		try {
			const loaded = await layer.saves.loadSave(data, player, slot);
			this.#loadedSave = loaded;
			const motion = loaded?.save.state.reducedMotion;
			if (typeof motion === 'boolean') this.#motionOverride = motion;
		} catch (error) {
			this.#actionError = this.#explain(error);
		}
	}

	/** Deletes a slot straight away (a delete needs no outbox: nothing is lost if it fails). */
	async deleteSlot(slot: SaveSlot): Promise<void> {
		const { layer, data, player } = this.#context();
		this.#actionError = null;
		try {
			await layer.saves.deleteSave(data, player, slot);
			if (this.#loadedSave?.save.slot === slot) this.#loadedSave = null;
		} catch (error) {
			this.#actionError = this.#explain(error);
		}
		await this.#read(['saves']);
	}

	/** The probe of the game's calls (profile read, score write, leaderboard) with this session's clients. */
	async probe() {
		const { data, player } = this.#context();
		const { runGameCallsProbe } = await import('./probe');
		return runGameCallsProbe(data, player);
	}
}

/** The one game session of the page. */
export const gameSession = new GameSession();
