import { CallLog, attachInspector } from './call-log';
import type { InspectableClient } from './call-log-middleware';

/**
 * The app-wide call log. Loaded lazily at start-up (connect.ts), before the first STS call, so the
 * sign-in's own AssumeRoleWithWebIdentity is in the log. No runes and nothing of the first bundle in here:
 * the bundler then leaves the sign-in screen's chunks as they are. The panel's reactive view of the log
 * is panel-state.svelte.ts.
 */

/** Every AWS call the app makes goes into this one log. */
export const callLog = new CallLog();

/** Attach the call log to an SDK client (connect.ts hands it every STS client the app builds). */
export function attachCallLog(client: unknown): void {
	attachInspector(client as InspectableClient, callLog);
}
