import { decorateStsClients } from '../federation/sts';
import { CallLog, attachInspector, type CallLogEntry } from './call-log';
import type { InspectableClient } from './call-log-middleware';

/**
 * The app-wide call log and the inspector's view of it. Loaded lazily at start-up (connect.ts), before the
 * first STS call, so the sign-in's own AssumeRoleWithWebIdentity is in the log.
 */

/** Every AWS call the app makes goes into this one log. */
export const callLog = new CallLog();

export type ServiceFilter = 'all' | 'STS' | 'S3' | 'DynamoDB';

class InspectorState {
	#entries = $state.raw<readonly CallLogEntry[]>([]);
	#service = $state<ServiceFilter>('all');
	#failuresOnly = $state(false);

	constructor() {
		callLog.subscribe((entries) => {
			this.#entries = entries;
		});
	}

	get entries() {
		return this.#entries;
	}
	get service() {
		return this.#service;
	}
	set service(value: ServiceFilter) {
		this.#service = value;
	}
	get failuresOnly() {
		return this.#failuresOnly;
	}
	set failuresOnly(value: boolean) {
		this.#failuresOnly = value;
	}
	/** The entries the current filter shows, newest first. */
	get visible(): CallLogEntry[] {
		const service = this.#service;
		const failuresOnly = this.#failuresOnly;
		return this.#entries
			.filter((e) => (service === 'all' || e.service === service) && (!failuresOnly || !e.ok))
			.reverse();
	}
	get failures(): CallLogEntry[] {
		return this.#entries.filter((entry) => !entry.ok);
	}

	/** Sign-out: forget every call and the filter. */
	reset() {
		callLog.clear();
		this.#service = 'all';
		this.#failuresOnly = false;
	}
}

export const inspector = new InspectorState();

let connected = false;

/** Attach the call log to every STS client the app builds (idempotent). */
export function connect(): void {
	if (connected) return;
	connected = true;
	decorateStsClients((client) => {
		attachInspector(client as unknown as InspectableClient, callLog);
	});
}
