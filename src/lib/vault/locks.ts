/**
 * The slice of the Web Locks API (`navigator.locks`) Fedplay uses, so tests and browsers without it can
 * pass their own. The real `navigator.locks` satisfies this interface.
 */
export interface LockManagerLike {
	request<T>(
		name: string,
		options: { ifAvailable?: boolean },
		callback: (lock: unknown) => Promise<T>,
	): Promise<T>;
}

/** `navigator.locks` when the platform has it, else a lock that only this page shares. */
export function defaultLocks(): LockManagerLike {
	const platform = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
	return platform ?? createLocalLockManager();
}

/**
 * Exclusive locks within one JavaScript realm, with the Web Locks semantics Fedplay relies on:
 * requests for a name are granted in order; `ifAvailable` gets `null` instead of waiting.
 * Also the shared "browser" in tests where several providers play several tabs.
 */
export function createLocalLockManager(): LockManagerLike {
	const tails = new Map<string, Promise<void>>();
	const held = new Set<string>();
	return {
		async request<T>(
			name: string,
			options: { ifAvailable?: boolean },
			callback: (lock: unknown) => Promise<T>,
		): Promise<T> {
			if (options.ifAvailable && held.has(name)) return callback(null);
			const previous = tails.get(name) ?? Promise.resolve();
			let release!: () => void;
			const mine = new Promise<void>((resolve) => (release = resolve));
			const tail = previous.then(() => mine);
			tails.set(name, tail);
			held.add(name);
			await previous;
			try {
				return await callback({ name });
			} finally {
				release();
				if (tails.get(name) === tail) {
					tails.delete(name);
					held.delete(name);
				}
			}
		},
	};
}
