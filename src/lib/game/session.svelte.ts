/**
 * The signed-in player's game as the screens see it: profile, stats, leaderboard, recent runs, saves, the
 * outbox, online state and errors. View state only: queueing is outbox.ts, delivery tracking delivery.ts,
 * conflicts conflict.ts, and everything that needs the network is the data layer (data-layer.ts), loaded
 * after sign-in and again whenever the network allows. What the player does meanwhile goes to the outbox at
 * once. lib/session starts it with the player and their credentials, and resets it at sign-out.
 */
import {
	createConnectivity,
	probeEndpoint,
	type Connectivity,
	type ConnectivityDeps,
} from '../aws/connectivity';
import { describeAwsError, isRetryableAwsError } from '../aws/errors';
import { samePlayer, type PlayerIdentity } from '../config/data-layout';
import * as vaultOutbox from '../vault/outbox';
import type { OutboxEntry } from '../vault/outbox';
import type { OutboxRunner, OutboxRunnerDeps } from './outbox-runner';
import type { OutboxKind } from '../vault/types';
import { conflictOf } from './conflict';
import type { GameAccess, GameData } from './data';
import type { PlayerData } from './data-layer';
import { DeliveryTracker, type ReadPart } from './delivery';
import { loadWhenOnline, type LoaderDeps, type Loading } from './layer-loader';
import type { LeaderboardEntry } from './leaderboard';
import type { CarrySnapshot } from './carry';
import { outboxFor, type PlayerOutbox } from './outbox';
import { describeWrite, runStatus, type PendingWrite, type RunStatus } from './outbox-view';
import type { LoadedProfile, Profile } from './profile';
import type { LoadedSave, SaveSlot, SaveSummary } from './saves';
import type { MyStats, RunHistoryItem } from './scores';

export type { ReadPart };
type LoadStatus = 'idle' | 'loading' | 'ready';

/** A finished run as the game reports it (`onGameOver`). */
interface FinishedRun {
	score: number;
	durationMs: number;
}

/** The signed-in player: their provider's data segment and `sub` (`id`), and a name to show. */
interface GamePlayer extends PlayerIdentity {
	/** The name from the ID token, used until the player saves a profile. */
	name: string;
}

type Layer = typeof import('./data-layer');

/** What `start` needs; tests may bring ready-made data, their own timers and a layer that fails to load. */
interface GameStart extends GameAccess {
	data?: GameData;
	loader?: LoaderDeps;
	runner?: Omit<OutboxRunnerDeps, 'send'>;
	/** The endpoint probe and its timers (tests); the app probes `config.endpoint`. */
	connectivity?: Partial<ConnectivityDeps>;
	loadLayer?: () => Promise<Layer>;
}

/** The connected data layer of a started session. */
interface Connected {
	layer: Layer;
	data: GameData;
	runner: OutboxRunner;
	/** Whether the endpoint answers; a read that got no answer is read again when it does. */
	connectivity: Connectivity;
	ownsData: boolean;
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
	#layerStuck = $state.raw(false);
	#errors = $state.raw<Partial<Record<ReadPart, string>>>({});
	#actionError = $state.raw<string | null>(null);
	#lastRun = $state.raw<{ id: string; score: number; delivered: boolean } | null>(null);
	#motionOverride = $state.raw<boolean | null>(null);
	#player = $state.raw<GamePlayer | null>(null);

	/** Bumped by `reset`: work started before it must not write into the new session. */
	#epoch = 0;
	#cleanup: (() => void)[] = [];
	#tracker = new DeliveryTracker();
	#queue: PlayerOutbox | null = null;
	#loading: Loading<Layer> | null = null;
	#connected: Connected | null = null;

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
	/** The data layer cannot load in this page (layer-loader.ts's `stuck`): a reload will bring it. */
	get layerStuck() {
		return this.#layerStuck;
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
	get lastRun(): { score: number; status: RunStatus } | null {
		const run = this.#lastRun;
		if (run === null) return null;
		const entry = this.#outbox.find((e) => e.id === run.id);
		return { score: run.score, status: runStatus(entry, run.delivered, this.#online) };
	}
	get displayName(): string {
		return this.#profile?.profile.displayName ?? this.#player?.name ?? 'Player';
	}
	/** The game runs calm when the profile asks for it or a loaded save's settings do. */
	get reducedMotion(): boolean {
		return this.#motionOverride ?? this.#profile?.profile.preferences.reducedMotion ?? false;
	}

	/**
	 * After sign-in: the outbox is usable at once; the data layer loads (again and again while offline),
	 * then delivery starts and every part is read in parallel.
	 */
	async start(player: GamePlayer, access: GameStart): Promise<void> {
		// A guest who signed in keeps the identity id (linked) but not the guest role: a new session.
		const same = this.#player && samePlayer(this.#player, player);
		if (same && this.#player?.guest === player.guest) return;
		this.reset();
		const epoch = this.#epoch;
		this.#player = player;
		this.#queue = outboxFor({ segment: player.segment, id: player.id });
		this.#status = 'loading';
		this.#watchOnline();
		this.#cleanup.push(vaultOutbox.onOutboxChange(() => void this.refreshOutbox()));
		void this.refreshOutbox();
		this.#loading = loadWhenOnline(
			access.loadLayer ?? (() => import('./data-layer')),
			access.loader,
		);
		void this.#loading.stuck.then(() => {
			if (epoch === this.#epoch) this.#layerStuck = true;
		});
		const layer = await this.#loading.loaded;
		if (epoch !== this.#epoch) return;
		this.#connect(layer, access);
		await Promise.all([this.refreshOutbox(), this.#read(layer.ALL_PARTS)]);
		if (epoch === this.#epoch) this.#status = 'ready';
	}

	#connect(layer: Layer, access: GameStart): void {
		const data = access.data ?? layer.createGameData(access);
		const connectivity = createConnectivity({
			// The sandbox's one endpoint, or in AWS the region's STS (the CSP lets the app reach it).
			probe: probeEndpoint(
				access.config.endpoint ?? `https://sts.${access.config.region}.amazonaws.com/`,
			),
			...access.connectivity,
		});
		const runner = layer.createDelivery({
			data,
			player: this.#identity()!,
			connectivity,
			displayName: () => this.displayName,
			...(access.runner ? { runner: access.runner } : {}),
		});
		this.#connected = { layer, data, runner, connectivity, ownsData: access.data === undefined };
		// An error that no longer holds clears itself: once the endpoint answers, what failed is read again.
		connectivity.onRecover(() => void this.#read(this.#failedParts()));
		runner.start();
	}

	/** The parts whose last read failed (their alert is showing). */
	#failedParts(): ReadPart[] {
		return Object.keys(this.#errors) as ReadPart[];
	}

	/** Sign-out: stop delivering (the outbox itself stays in the vault) and forget everything shown. */
	reset(): void {
		this.#epoch++;
		this.#loading?.stop();
		this.#connected?.runner.stop();
		this.#connected?.connectivity.stop();
		if (this.#connected?.ownsData) this.#connected.data.destroy();
		for (const undo of this.#cleanup.splice(0)) undo();
		this.#loading = null;
		this.#connected = null;
		this.#queue = null;
		this.#tracker = new DeliveryTracker();
		this.#status = 'idle';
		this.#layerStuck = false;
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

	#identity(): PlayerIdentity | null {
		const player = this.#player;
		if (!player) return null;
		const { name: _name, ...identity } = player;
		return identity;
	}

	/**
	 * Before a guest signs in (and before any linking call): stop delivering, then snapshot the guest's best
	 * run and saves into the outbox (carry.ts). If AWS can't be read, delivery resumes and this throws.
	 */
	async keepGuestProgress(): Promise<CarrySnapshot> {
		const { layer, data, runner, player } = this.#layerOrThrow();
		if (!player.guest) throw new Error('Only a guest has progress to carry.');
		runner.stop();
		try {
			return await layer.snapshotGuestProgress(
				data,
				player,
				outboxFor({ segment: player.segment, id: player.id }),
				vaultOutbox.pending,
			);
		} catch (error) {
			runner.start();
			throw new Error(await describeAwsError(error), { cause: error });
		}
	}

	/** The data layer and the player, for what needs the network; throws before the layer has loaded. */
	#layerOrThrow(): Connected & { player: PlayerIdentity } {
		const player = this.#identity();
		if (!this.#connected || !player) {
			throw new Error('Your game data has not loaded yet: try again once you are online.');
		}
		return { ...this.#connected, player };
	}

	/** Reads `parts` in parallel; each failure is shown on its own and the rest still show. */
	async #read(parts: readonly ReadPart[]): Promise<void> {
		const player = this.#identity();
		if (!this.#connected || !player || parts.length === 0) return;
		const { layer, data, connectivity } = this.#connected;
		const epoch = this.#epoch;
		const read = await layer.readPlayerData(data, player, parts);
		// Each failure's line for the player (their words load with the first failure shown).
		const failed = await Promise.all(
			parts.map((part) => {
				const result = read[part];
				return result && 'error' in result ? describeAwsError(result.error) : null;
			}),
		);
		if (epoch !== this.#epoch) return;
		const errors = { ...this.#errors };
		let answered = false;
		let lost = false;
		for (const [i, part] of parts.entries()) {
			const result = read[part];
			if (!result) continue;
			if ('error' in result) {
				errors[part] = failed[i] ?? '';
				// No answer, a 5xx, throttling: worth reading again when the endpoint answers.
				if (isRetryableAwsError(result.error)) lost = true;
			} else {
				delete errors[part];
				answered = true;
				this.#show(part, result.value);
			}
		}
		this.#errors = errors;
		if (answered) connectivity.answered();
		if (lost) connectivity.lost();
		// The index answer carries no UserId: the player's row is found by their own summary item.
		this.#leaderboard = layer.markYou(this.#leaderboard, this.#stats);
	}

	#show<K extends ReadPart>(part: K, value: PlayerData[K]): void {
		const show: { [P in ReadPart]: (v: PlayerData[P]) => void } = {
			profile: (v) => (this.#profile = v),
			stats: (v) => (this.#stats = v),
			leaderboard: (v) => (this.#leaderboard = v),
			runs: (v) => (this.#runs = v),
			saves: (v) => (this.#saves = v),
		};
		show[part](value);
	}

	/** Re-reads the outbox; what left it since was acknowledged, so the data it changed is read again. */
	async refreshOutbox(): Promise<void> {
		if (!this.#player) return;
		const epoch = this.#epoch;
		const read = this.#tracker.readStarted();
		const entries = await vaultOutbox.list();
		if (epoch !== this.#epoch) return;
		const delivered = this.#tracker.observe(read, entries);
		if (!delivered) return;
		this.#outbox = entries;
		if (delivered.ids.length === 0) return;
		if (this.#lastRun && delivered.ids.includes(this.#lastRun.id)) {
			this.#lastRun = { ...this.#lastRun, delivered: true };
		}
		await this.#read(delivered.reread);
	}

	/** A write this tab queued: watched until it leaves the outbox, and sent now if the layer is up. */
	#queued(id: string, kind: OutboxKind): void {
		this.#tracker.queued(id, kind);
		this.#connected?.runner.kick();
	}

	#outboxOrThrow(): PlayerOutbox {
		if (!this.#queue) throw new Error('Nobody is signed in.');
		return this.#queue;
	}

	/**
	 * Game over: the run goes to the outbox at once (with a fresh runId, its idempotency key), then to
	 * DynamoDB when the data layer and the network allow. A run that beats the player's best counts as a win.
	 */
	async recordRun(run: FinishedRun): Promise<void> {
		const runId = crypto.randomUUID();
		try {
			const queue = this.#outboxOrThrow();
			const best = this.#stats?.topScore ?? 0;
			this.#lastRun = { id: runId, score: run.score, delivered: false };
			await queue.queueScore({
				runId,
				score: run.score,
				playedAt: new Date().toISOString(),
				durationMs: Math.round(run.durationMs),
				displayName: this.displayName,
				won: run.score > best,
			});
			this.#queued(runId, 'score');
		} catch (error) {
			// Not even stored in the browser: say so.
			this.#lastRun = null;
			this.#actionError = `Your score could not be kept: ${await describeAwsError(error)}`;
		}
	}

	/** Saves the profile through the outbox on top of the ETag it was read with; shown at once. */
	async saveProfile(profile: Profile): Promise<void> {
		const queue = this.#outboxOrThrow();
		const base = this.#profile;
		this.#profile = { profile, etag: base?.etag ?? '' };
		this.#queued(await queue.queueProfile(profile, base?.etag || null), 'profile');
	}

	/**
	 * A conflicted profile or save: "keep mine" writes the player's version again on top of the current
	 * remote ETag; "use theirs" takes the remote version. Either way the conflicted write is discarded.
	 */
	async resolveConflict(id: string, choice: 'mine' | 'theirs'): Promise<void> {
		const entry = this.#outbox.find((e) => e.id === id);
		const conflict = entry ? conflictOf(entry) : null;
		if (!conflict) return;
		this.#actionError = null;
		try {
			const { layer, data, player } = this.#layerOrThrow();
			const queue = this.#outboxOrThrow();
			const done = await layer.resolveConflict(conflict, choice, { data, player, queue });
			if (done.queued) this.#queued(done.queued.id, done.queued.kind);
			if (done.profile !== undefined) this.#profile = done.profile;
			if (conflict.file.kind === 'save') await this.#read(['saves']);
			await this.discard(id);
		} catch (error) {
			this.#actionError = await describeAwsError(error);
		}
	}

	/** The player gives up on a write (denied, conflicted or just unwanted). */
	async discard(id: string): Promise<void> {
		this.#tracker.discarded(id);
		await vaultOutbox.discard(id);
	}

	/** Saves the player's best and settings to a slot, through the outbox. */
	async saveToSlot(slot: SaveSlot): Promise<void> {
		const queue = this.#outboxOrThrow();
		const etag = this.#saves.find((s) => s.slot === slot)?.etag ?? null;
		const state = {
			bestScore: this.#stats?.topScore ?? 0,
			lastScore: this.#lastRun?.score ?? null,
			reducedMotion: this.reducedMotion,
		};
		this.#queued(await queue.queueSave(slot, state, etag), 'save');
	}

	/** Reads a slot and applies its settings to this session's game. */
	async loadSlot(slot: SaveSlot): Promise<void> {
		this.#actionError = null;
		try {
			const { layer, data, player } = this.#layerOrThrow();
			const loaded = await layer.loadSave(data, player, slot);
			this.#loadedSave = loaded;
			const motion = loaded?.save.state.reducedMotion;
			if (typeof motion === 'boolean') this.#motionOverride = motion;
		} catch (error) {
			this.#actionError = await describeAwsError(error);
		}
	}

	/** Deletes a slot straight away (a delete needs no outbox: nothing is lost if it fails). */
	async deleteSlot(slot: SaveSlot): Promise<void> {
		this.#actionError = null;
		try {
			const { layer, data, player } = this.#layerOrThrow();
			await layer.deleteSave(data, player, slot);
			if (this.#loadedSave?.save.slot === slot) this.#loadedSave = null;
		} catch (error) {
			this.#actionError = await describeAwsError(error);
		}
		await this.#read(['saves']);
	}
}

/** The one game session of the page. */
export const gameSession = new GameSession();
