/**
 * Where the main thread's time goes on the signed-in reload with the CPU slowed 4× (the mobile profile)
 * and slow 4G: a Chromium trace (CDP Tracing, the categories Lighthouse records, the V8 sampling profiler
 * among them) of each reload, read with Lighthouse's own trace model (tasks, their groups and scripts, as its
 * "main-thread work" and "JavaScript execution time" audits read them). Printed: the main-thread time per
 * group, the scripting time per script (the build's chunks), the sampled JS time per source file (the
 * build's hidden source maps map each sampled function back to its file, so a chunk's share splits into
 * the Svelte runtime, the SDK, each component…), and every task over 50 ms with what filled it.
 * The medians of a few reloads are printed: the figures vary with the machine's load.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { MainThreadTasks } from 'lighthouse/core/lib/tracehouse/main-thread-tasks.js';
import { TraceProcessor } from 'lighthouse/core/lib/tracehouse/trace-processor.js';
import type { StaticServer } from '../scripts/serve-static';

/** What Lighthouse records in a navigation's trace (its default categories). */
const CATEGORIES = [
	'-*',
	'toplevel',
	'v8.execute',
	'blink.console',
	'blink.user_timing',
	'benchmark',
	'loading',
	'latencyInfo',
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'disabled-by-default-devtools.timeline.frame',
	'disabled-by-default-devtools.timeline.stack',
	'disabled-by-default-devtools.screenshot',
	'disabled-by-default-v8.cpu_profiler',
];
const LONG_TASK_MS = 50;
const GOAL_LONGEST_MS = 200;

export interface TraceSteps {
	/** Signs the page in (unthrottled); the trace starts after it. */
	signIn(page: Page): Promise<void>;
	/** Slows the network and CPU by `cpuRate` on the page. */
	throttle(page: Page, cpuRate: number): Promise<void>;
	/** Resolves once the reloaded page is playable with its data shown and the network idle. */
	settled(page: Page): Promise<void>;
}

interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	id?: string;
	args: { data?: Record<string, unknown> };
}

interface ProfileNode {
	id: number;
	parent?: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Figures {
	/** Main-thread self time per Lighthouse task group (scriptEvaluation, styleLayout…). */
	groups: Map<string, number>;
	/** The same in the thread's CPU time (what the machine's other load does not stretch). */
	cpuGroups: Map<string, number>;
	/** Scripting time (evaluation + parse/compile) per script, as Lighthouse's bootup-time counts it. */
	scripts: Map<string, number>;
	/** Sampled JS self time per original source (package or file). */
	sources: Map<string, number>;
	/** Tasks over 50 ms: duration and what filled them. */
	longTasks: { ms: number; cpu: number; groups: Map<string, number>; scripts: string[] }[];
	total: number;
	cpuTotal: number;
	/** Time the CPU throttler held the thread between tasks (left out of every figure above). */
	held: number;
	/** requestAnimationFrame callbacks run (each one a frame the browser had to produce). */
	animationFrames: number;
}

export async function mainThreadTrace(
	browser: Browser,
	web: StaticServer,
	outDir: string,
	steps: TraceSteps,
): Promise<void> {
	const runs = Math.max(1, Number(process.env.FEDPLAY_BENCH_TRACE_RUNS ?? 3));
	const maps = new SourceMaps(outDir, web.origin);
	const context = await browser.newContext();
	const figures: Figures[] = [];
	try {
		const page = await context.newPage();
		await steps.signIn(page);
		await steps.throttle(page, 4);
		const cdp = await context.newCDPSession(page);
		for (let i = 0; i < runs; i++) {
			const events = await traced(cdp, async () => {
				await page.reload({ waitUntil: 'commit' });
				await steps.settled(page);
				await page.waitForTimeout(1_000);
			});
			// FEDPLAY_BENCH_TRACE_DIR=dir keeps each trace (open it in DevTools' Performance panel).
			const keep = process.env.FEDPLAY_BENCH_TRACE_DIR;
			if (keep)
				await writeFile(join(keep, `signed-in-reload-${i + 1}.json`), JSON.stringify(events));
			figures.push(await analyse(events, maps));
		}
	} finally {
		await context.close();
	}
	print(figures, web.origin);
}

/** Records a trace around `action` and returns its events. */
async function traced(cdp: CDPSession, action: () => Promise<void>): Promise<TraceEvent[]> {
	await cdp.send('Tracing.start', {
		transferMode: 'ReturnAsStream',
		traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordUntilFull' },
	});
	const complete = new Promise<string>((resolve) =>
		cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')),
	);
	try {
		await action();
	} finally {
		await cdp.send('Tracing.end');
	}
	const handle = await complete;
	let json = '';
	for (;;) {
		const chunk = await cdp.send('IO.read', { handle, size: 1 << 20 });
		json += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
		if (chunk.eof) break;
	}
	await cdp.send('IO.close', { handle });
	const parsed = JSON.parse(json) as { traceEvents: TraceEvent[] } | TraceEvent[];
	return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

const add = (map: Map<string, number>, key: string, ms: number) =>
	map.set(key, (map.get(key) ?? 0) + ms);

async function analyse(events: TraceEvent[], maps: SourceMaps): Promise<Figures> {
	const trace = TraceProcessor.processTrace({ traceEvents: events } as never);
	// Times relative to the reload's navigation start: what runs before it is the old page unloading (its
	// timers, its visibilitychange, the profiler starting), not the cost of the signed-in page, so left out.
	const tasks = MainThreadTasks.getMainThreadTasks(
		trace.mainThreadEvents,
		trace.frames,
		trace.timestamps.traceEnd,
		trace.timeOriginEvt.ts,
	).filter((task) => rootOf(task).startTime >= 0);
	const groups = new Map<string, number>();
	const cpuGroups = new Map<string, number>();
	const scripts = new Map<string, number>();
	let total = 0;
	let cpuTotal = 0;
	// DevTools' CPU throttling runs as V8 interrupts that hold the thread; one that lands between tasks is
	// a task of its own, not the page's work: counted apart.
	const throttler = (task: Task) => !task.parent && task.event.name === 'V8.StackGuard';
	let held = 0;
	for (const task of tasks) {
		if (throttler(task)) held += task.duration;
		if (task.parent ? throttler(rootOf(task)) : throttler(task)) continue;
		add(groups, task.group.id, task.selfTime);
		total += task.selfTime;
		const cpu = cpuSelf(task);
		add(cpuGroups, task.group.id, cpu);
		cpuTotal += cpu;
		if (task.group.id !== 'scriptEvaluation' && task.group.id !== 'scriptParseCompile') continue;
		// Lighthouse's bootup-time: the time goes to the last script on the task's stack.
		add(scripts, task.attributableURLs.at(-1) ?? '(no script)', task.selfTime);
	}
	const longTasks = tasks
		.filter((task) => !task.parent && !throttler(task) && task.duration > LONG_TASK_MS)
		.map((task) => {
			const inside = new Map<string, number>();
			const visit = (node: typeof task) => {
				add(inside, node.group.id, node.selfTime);
				node.children.forEach(visit);
			};
			visit(task);
			return {
				ms: task.duration,
				cpu: cpuOf(task) ?? task.duration,
				groups: inside,
				scripts: task.attributableURLs,
			};
		});
	const sources = await sampledSources(events, trace.mainThreadEvents[0]?.pid, maps);
	const mainEvents: { name: string }[] = trace.mainThreadEvents;
	const animationFrames = mainEvents.filter((e) => e.name === 'FireAnimationFrame').length;
	return { groups, cpuGroups, scripts, sources, longTasks, total, cpuTotal, held, animationFrames };
}

function rootOf(task: Task): Task {
	let root = task;
	while (root.parent) root = root.parent;
	return root;
}

type Task = ReturnType<typeof MainThreadTasks.getMainThreadTasks>[number];

/** A task's thread CPU time in ms (`tdur`, or the end event's `tts` less the start's), if the trace has it. */
function cpuOf(task: Task): number | undefined {
	const event = task.event as { tdur?: number; tts?: number };
	if (event.tdur !== undefined) return event.tdur / 1000;
	const end = task.endEvent as { tts?: number } | undefined;
	if (event.tts !== undefined && end?.tts !== undefined) return (end.tts - event.tts) / 1000;
	return undefined;
}

/** CPU self time: the task's CPU time less its children's (wall time scaled by the CPU share when absent). */
function cpuSelf(task: Task): number {
	const own = cpuOf(task);
	if (own === undefined) {
		const parent = task.parent && cpuOf(task.parent);
		const share =
			parent !== undefined && task.parent!.duration > 0 ? parent / task.parent!.duration : 1;
		return task.selfTime * Math.min(1, share);
	}
	const children = task.children.reduce((sum, child) => sum + (cpuOf(child) ?? child.duration), 0);
	return Math.max(0, own - children);
}

/** Self time of the V8 sampling profiler's samples in the renderer's main thread, per original source. */
async function sampledSources(
	events: TraceEvent[],
	pid: number | undefined,
	maps: SourceMaps,
): Promise<Map<string, number>> {
	const profiles = new Map<
		string,
		{ nodes: Map<number, ProfileNode>; ts: number; samples: [number, number][] }
	>();
	for (const event of events) {
		if (event.pid !== pid || !event.id) continue;
		const data = event.args.data as
			| {
					startTime?: number;
					cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
					timeDeltas?: number[];
			  }
			| undefined;
		if (event.name === 'Profile') {
			profiles.set(event.id, { nodes: new Map(), ts: data?.startTime ?? event.ts, samples: [] });
		} else if (event.name === 'ProfileChunk') {
			const profile = profiles.get(event.id);
			if (!profile || !data) continue;
			for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
			const samples = data.cpuProfile?.samples ?? [];
			const deltas = data.timeDeltas ?? [];
			samples.forEach((node, i) => {
				profile.ts += deltas[i] ?? 0;
				profile.samples.push([node, profile.ts]);
			});
		}
	}
	const sources = new Map<string, number>();
	for (const profile of profiles.values()) {
		const { samples, nodes } = profile;
		for (let i = 0; i + 1 < samples.length; i++) {
			const leaf = nodes.get(samples[i][0]);
			if (!leaf) continue;
			const ms = (samples[i + 1][1] - samples[i][1]) / 1000;
			const name = leaf.callFrame.functionName;
			if (name === '(idle)' || name === '(root)') continue;
			if (name === '(program)') continue; // Blink's own work: in the groups above.
			if (name === '(garbage collector)') {
				add(sources, '(garbage collector)', ms);
				continue;
			}
			// A built-in or DOM call (no URL of its own) is charged to the script that made it.
			let node: ProfileNode | undefined = leaf;
			while (node && !node.callFrame.url) node = node.parent ? nodes.get(node.parent) : undefined;
			if (!node) add(sources, `(native) ${name || '(anonymous)'}`, ms);
			else {
				const { url, lineNumber, columnNumber } = node.callFrame;
				add(sources, await maps.source(url, lineNumber, columnNumber), ms);
			}
		}
	}
	return sources;
}

/** The build's hidden source maps, read once per chunk: a position in a chunk → its package or file. */
class SourceMaps {
	private readonly maps = new Map<string, Promise<TraceMap | null>>();

	constructor(
		private readonly outDir: string,
		private readonly origin: string,
	) {}

	async source(url: string, line: number, column: number): Promise<string> {
		if (!url.startsWith(this.origin)) return url ? `(other: ${url})` : '(native)';
		const file = new URL(url).pathname.slice(1);
		let map = this.maps.get(file);
		if (!map) {
			map = readFile(join(this.outDir, `${file}.map`), 'utf8').then(
				(text) => new TraceMap(text),
				() => null,
			);
			this.maps.set(file, map);
		}
		const found = await map;
		let original: { source: string | null } | null = null;
		try {
			if (found && line >= 0 && column >= 0)
				original = originalPositionFor(found, { line: line + 1, column });
		} catch {
			// A position outside the map (V8's wrapper of the module, say): the chunk itself.
		}
		if (!original?.source) return chunkName(file);
		return sourceName(original.source);
	}
}

/** `node_modules/@aws-sdk/x/dist/…` → `@aws-sdk/x`; `…/src/lib/game/engine/render.ts` → that path from src. */
function sourceName(source: string): string {
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
	if (pkg) return pkg[1] === 'svelte' ? 'svelte (runtime)' : pkg[1];
	const own = /(?:^|\/)(src\/.*)$/.exec(source);
	return own ? own[1] : source;
}

const chunkName = (file: string) => file.replace(/^assets\//, '').replace(/-[\w-]{8}\./, '.');

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Each key's median over the runs (a run without the key counts 0), largest first. */
function medians(tables: Map<string, number>[], keep = (_key: string) => true): [string, number][] {
	const keys = new Set(tables.flatMap((table) => [...table.keys()]));
	return [...keys]
		.filter(keep)
		.map((key) => [key, median(tables.map((table) => table.get(key) ?? 0))] as [string, number])
		.sort((a, b) => b[1] - a[1]);
}

const ms = (value: number) => `${Math.round(value)} ms`;
const list = (rows: [string, number][], limit: number, minimum = 0) =>
	rows
		.filter(([, value]) => value >= minimum)
		.slice(0, limit)
		.map(([key, value]) => `${key} ${ms(value)}`)
		.join(', ');

function print(figures: Figures[], origin: string): void {
	const short = (url: string) =>
		url.startsWith(origin) ? chunkName(new URL(url).pathname.slice(1)) : url || '(no URL)';
	console.log(
		`main thread of the signed-in reload, CPU 4× slower, slow 4G: Chromium trace, median of ${figures.length} reloads`,
	);
	console.log(
		`  main-thread time, wall: ${ms(median(figures.map((f) => f.total)))} — ${list(medians(figures.map((f) => f.groups)), 7, 1)} (and ${ms(median(figures.map((f) => f.held)))} held by the CPU throttler between tasks)`,
	);
	console.log(
		`  main-thread time, thread CPU (less stretched by the machine's load): ${ms(median(figures.map((f) => f.cpuTotal)))} — ${list(medians(figures.map((f) => f.cpuGroups)), 7, 1)}`,
	);
	const scripts = figures.map((f) => new Map([...f.scripts].map(([url, v]) => [short(url), v])));
	console.log(`  scripting per script (wall): ${list(medians(scripts), 10, 1)}`);
	console.log(
		`  sampled JS per source (wall; built-ins charged to their caller): ${list(medians(figures.map((f) => f.sources)), 16, 2)}`,
	);
	figures.forEach((f, i) => {
		const longest = Math.max(0, ...f.longTasks.map((t) => t.ms));
		const tasks = f.longTasks
			.sort((a, b) => b.ms - a.ms)
			.slice(0, 6)
			.map(
				(t) =>
					`${ms(t.ms)} / CPU ${ms(t.cpu)} (${list(
						[...t.groups].sort((a, b) => b[1] - a[1]),
						2,
						1,
					)}; ${[...new Set(t.scripts.map(short))].slice(0, 2).join(' ') || 'no script'})`,
			);
		console.log(
			`  reload ${i + 1}: ${f.animationFrames} animation frames run; ${f.longTasks.length} tasks over ${LONG_TASK_MS} ms, longest ${ms(longest)} wall, ${ms(Math.max(0, ...f.longTasks.map((t) => t.cpu)))} CPU — goal: none over ${GOAL_LONGEST_MS} ms (${longest <= GOAL_LONGEST_MS ? 'within' : 'OVER'}); longest: ${tasks.join('; ')}`,
		);
	});
}
