/**
 * The part of the SDK v3 middleware stack the app's fetch-based S3 and DynamoDB calls need, with the SDK's
 * steps, priorities and relative placement: the app's own named middleware (the call log, retry on expired
 * credentials, the clock) is added to these calls exactly as to an SDK client, and runs in the same order.
 */

export type Step = 'initialize' | 'serialize' | 'build' | 'finalizeRequest' | 'deserialize';
type Priority = 'high' | 'normal' | 'low';

// Loose on purpose: middleware of every step shares one shape (SDK middleware is typed per step).
type Args = Record<string, unknown> & { input: unknown };
type Result = Record<string, unknown> & { output: unknown };
export type Handler = (args: Args) => Promise<Result>;
export type Middleware = (next: Handler, context: Record<string, unknown>) => Handler;

interface AddOptions {
	step?: Step;
	priority?: Priority;
	name?: string;
	override?: boolean;
}

interface RelativeOptions {
	relation: 'before' | 'after';
	toMiddleware: string;
	name?: string;
	override?: boolean;
}

interface Entry {
	middleware: Middleware;
	name?: string;
	step: Step;
	priority: Priority;
	/** Set for entries placed relative to another one. */
	relative?: { relation: 'before' | 'after'; to: string };
}

const STEPS: Step[] = ['initialize', 'serialize', 'build', 'finalizeRequest', 'deserialize'];
const PRIORITIES: Priority[] = ['high', 'normal', 'low'];

export class MiddlewareStack {
	#entries: Entry[] = [];

	add(middleware: unknown, options: AddOptions = {}): void {
		this.#put({
			middleware: middleware as Middleware,
			name: options.name,
			step: options.step ?? 'initialize',
			priority: options.priority ?? 'normal',
		});
	}

	addRelativeTo(middleware: unknown, options: RelativeOptions): void {
		this.#put({
			middleware: middleware as Middleware,
			name: options.name,
			step: 'initialize',
			priority: 'normal',
			relative: { relation: options.relation, to: options.toMiddleware },
		});
	}

	remove(name: string): boolean {
		const before = this.#entries.length;
		this.#entries = this.#entries.filter((entry) => entry.name !== name);
		return this.#entries.length < before;
	}

	/** The handler that runs every middleware, outermost first, around `terminal`. */
	resolve(terminal: Handler, context: Record<string, unknown>): Handler {
		let handler = terminal;
		for (const entry of this.#ordered().reverse()) handler = entry.middleware(handler, context);
		return handler;
	}

	#put(entry: Entry): void {
		if (entry.name && this.#entries.some((e) => e.name === entry.name)) this.remove(entry.name);
		this.#entries.push(entry);
	}

	/** Anchored entries by step and priority (stable), each relative entry beside its anchor. */
	#ordered(): Entry[] {
		const anchored = this.#entries
			.filter((entry) => !entry.relative)
			.sort(
				(a, b) =>
					STEPS.indexOf(a.step) - STEPS.indexOf(b.step) ||
					PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority),
			);
		const relative = this.#entries.filter((entry) => entry.relative);
		const out: Entry[] = [];
		const place = (entry: Entry) => {
			const around = relative.filter((r) => r.relative?.to === entry.name && entry.name);
			for (const r of around) if (r.relative?.relation === 'before') place(r);
			out.push(entry);
			for (const r of around) if (r.relative?.relation === 'after') place(r);
		};
		for (const entry of anchored) place(entry);
		return out;
	}
}
