import type { CallLogEntry } from './call-log';
import { callLog } from './store.svelte';

/** The inspector panel's reactive view of the app-wide call log, and its filter. */

export type ServiceFilter = 'all' | 'STS' | 'S3' | 'DynamoDB';

class InspectorState {
	#entries = $state.raw<readonly CallLogEntry[]>([]);
	#service = $state<ServiceFilter>('all');
	#failuresOnly = $state(false);

	constructor() {
		callLog.subscribe((entries) => {
			this.#entries = entries;
			// A cleared log is a sign-out: the next player starts with no filter.
			if (entries.length === 0) this.#resetFilter();
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
		this.#resetFilter();
	}

	#resetFilter() {
		this.#service = 'all';
		this.#failuresOnly = false;
	}
}

export const inspector = new InspectorState();
