import { appCallLog, isFailure, type CallLogEntry } from '../aws/call-log';

/** The inspector panel's reactive view of the app-wide call log (lib/aws), and its filter. */

export type ServiceFilter = 'all' | 'STS' | 'S3' | 'DynamoDB';

class InspectorState {
	#entries = $state.raw<readonly CallLogEntry[]>([]);
	#service = $state<ServiceFilter>('all');
	#failuresOnly = $state(false);

	constructor() {
		appCallLog.subscribe((entries) => {
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
			.filter(
				(e) => (service === 'all' || e.service === service) && (!failuresOnly || isFailure(e)),
			)
			.reverse();
	}
	get failures(): CallLogEntry[] {
		return this.#entries.filter(isFailure);
	}

	#resetFilter() {
		this.#service = 'all';
		this.#failuresOnly = false;
	}
}

export const inspector = new InspectorState();
