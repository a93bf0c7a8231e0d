/**
 * The only inspector module in the first bundle: it loads the call log in its own chunk and attaches it to
 * the STS clients, so the sign-in screen's byte budget is untouched. The inspector never breaks sign-in.
 */

import { decorateStsClients } from '../federation/sts';

type Store = typeof import('./store.svelte');

let store: Promise<Store> | undefined;

function loadStore(): Promise<Store> {
	return (store ??= import('./store.svelte'));
}

/** Load the call log and attach it to every STS client; resolves (never rejects) once attached or failed. */
export async function connectInspector(): Promise<void> {
	try {
		const { attachCallLog } = await loadStore();
		decorateStsClients(attachCallLog);
	} catch {
		// No inspector is better than no sign-in.
	}
}

/** Forget the logged calls (sign-out). */
export function resetInspector(): void {
	if (store) void store.then((s) => s.callLog.clear()).catch(() => undefined);
}
