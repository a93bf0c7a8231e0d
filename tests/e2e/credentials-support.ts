import type { BrowserContext, Page, Request, Response } from '@playwright/test';

/** Where a request went, for counting: the identity providers, STS (by Action), or the rest of AWS. */
export interface Traffic {
	/** Every request to an identity provider's origin (discovery, token, login pages…). */
	provider: string[];
	/** Token endpoint requests with `grant_type=refresh_token`. */
	refreshGrants: number;
	assumeRole: number;
	getCallerIdentity: number;
	/**
	 * Failed AWS answers (`ACTION STATUS`): 400 and above, except the game's ordinary outcomes — 404 for a
	 * profile or save not written yet, and lost conditional writes (412, ConditionalCheckFailed).
	 */
	awsFailures: string[];
	/** Statuses of GetCallerIdentity answers, in order. */
	callerIdentityStatuses: number[];
}

export interface TrafficEnv {
	issuers: string[];
	awsEndpoint: string;
}

function actionOf(request: Request): string {
	return /(?:^|&)Action=([A-Za-z]+)/.exec(request.postData() ?? '')?.[1] ?? request.method();
}

/**
 * Count requests of a page or of a whole context (every tab) from now on. Preflights (OPTIONS) are not
 * counted: they are the browser's, not the app's.
 */
export function countTraffic(target: Page | BrowserContext, env: TrafficEnv): Traffic {
	const traffic: Traffic = {
		provider: [],
		refreshGrants: 0,
		assumeRole: 0,
		getCallerIdentity: 0,
		awsFailures: [],
		callerIdentityStatuses: [],
	};
	const isAws = (url: string) => url.startsWith(env.awsEndpoint) && !url.includes('/__sandbox/');
	target.on('request', (request: Request) => {
		const url = request.url();
		if (request.method() === 'OPTIONS') return;
		if (env.issuers.some((issuer) => url.startsWith(issuer))) {
			traffic.provider.push(`${request.method()} ${new URL(url).pathname}`);
			if (/grant_type=refresh_token/.test(request.postData() ?? '')) traffic.refreshGrants += 1;
		}
		if (!isAws(url)) return;
		const action = actionOf(request);
		if (action === 'AssumeRoleWithWebIdentity') traffic.assumeRole += 1;
		if (action === 'GetCallerIdentity') traffic.getCallerIdentity += 1;
	});
	target.on('response', (response: Response) => {
		const request = response.request();
		if (request.method() === 'OPTIONS' || !isAws(response.url())) return;
		const action = actionOf(request);
		if (action === 'GetCallerIdentity') traffic.callerIdentityStatuses.push(response.status());
		if (isFailure(response)) traffic.awsFailures.push(`${action} ${response.status()}`);
	});
	return traffic;
}

function isFailure(response: Response): boolean {
	const status = response.status();
	if (status < 400 || status === 404 || status === 412) return false;
	const type = response.headers()['x-amzn-errortype'] ?? '';
	return !/^(ConditionalCheckFailed|TransactionCanceled)/.test(type);
}

/** Move the sandbox's clock (STS and gateway time) by `advanceMs`, or set its offset from real time. */
export async function moveSandboxClock(
	env: TrafficEnv,
	change: { advanceMs: number } | { offsetMs: number },
): Promise<void> {
	const response = await fetch(`${env.awsEndpoint}/__sandbox/clock`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(change),
	});
	if (!response.ok) throw new Error(`sandbox clock: HTTP ${response.status}`);
}

/**
 * Every store of the app's IndexedDB database as text: bytes as Latin-1 characters (so a plaintext secret
 * would show), CryptoKeys as a marker (they can't be read, which is the point).
 */
export function dumpIndexedDb(
	page: Page,
): Promise<Record<string, { key: unknown; value: string }[]>> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('fedplay');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const text = (value: unknown): string =>
			JSON.stringify(value, (_key, v: unknown) =>
				v instanceof CryptoKey
					? `[CryptoKey extractable=${String(v.extractable)}]`
					: v instanceof Uint8Array
						? String.fromCharCode(...v)
						: v,
			);
		const dump: Record<string, { key: unknown; value: string }[]> = {};
		for (const name of Array.from(db.objectStoreNames)) {
			const store = db.transaction(name).objectStore(name);
			const [keys, values] = await Promise.all(
				[store.getAllKeys(), store.getAll()].map(
					(request) =>
						new Promise<unknown[]>((resolve, reject) => {
							request.onsuccess = () => resolve(request.result as unknown[]);
							request.onerror = () => reject(request.error);
						}),
				),
			);
			dump[name] = keys!.map((key, i) => ({ key, value: text(values![i]) }));
		}
		db.close();
		return dump;
	});
}

/**
 * Follow the requests in flight in a page (install before it loads). `quiet()` resolves once none has been
 * in flight for `quietMs`: move time only then, as a jump during a request is a machine that slept
 * mid-request (the app copes — retries once — but the counts would include it).
 */
export function trackInFlight(page: Page): { quiet(quietMs?: number): Promise<void> } {
	let inFlight = 0;
	let lastChange = Date.now();
	const change = (delta: number) => {
		inFlight += delta;
		lastChange = Date.now();
	};
	page.on('request', () => change(1));
	page.on('requestfinished', () => change(-1));
	page.on('requestfailed', () => change(-1));
	return {
		async quiet(quietMs = 500) {
			const deadline = Date.now() + 15_000;
			while (Date.now() < deadline && (inFlight > 0 || Date.now() - lastChange < quietMs)) {
				await page.waitForTimeout(100);
			}
		},
	};
}

/** Let the page settle: whatever it would fetch on its own has been asked for by now. */
export function settle(page: Page, ms = 750): Promise<void> {
	return page.waitForTimeout(ms);
}
