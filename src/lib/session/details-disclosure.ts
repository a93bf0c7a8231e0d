/**
 * Whether the player keeps the full identity and credential cards open: remembered for the tab (a demo
 * that opened them keeps them through a reload), nothing else stored. Storage refused: closed, not an error.
 */
const KEY = 'fedplay.identity-details';

export function identityDetailsOpen(): boolean {
	try {
		return sessionStorage.getItem(KEY) === 'open';
	} catch {
		return false;
	}
}

export function rememberIdentityDetails(open: boolean): void {
	try {
		if (open) sessionStorage.setItem(KEY, 'open');
		else sessionStorage.removeItem(KEY);
	} catch {
		// Not remembered: the cards start closed next time, which is the default anyway.
	}
}
