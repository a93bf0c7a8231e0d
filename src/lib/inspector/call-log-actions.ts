import { appCallLog } from '../aws/call-log';

/** Sign-out: the next player starts with an empty call log (and the panel with no filter). */
export function forgetCalls(): void {
	appCallLog.clear();
}

/** The whole log as redacted JSON, for the player to download. */
export function exportCalls(): string {
	return appCallLog.exportJson();
}
