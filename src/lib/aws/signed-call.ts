/**
 * How the app makes a signed AWS call, decided in one place: which region and endpoint, which credentials
 * sign it, and the behaviour every call shares — retry once on expired credentials, the corrected clock,
 * the call log. The STS SDK client of `sts.ts` and the fetch clients of `calls.ts` (SigV4 over `fetch`, on a
 * middleware stack with the SDK's steps and names) are both built with it.
 */
import { appCallLog, type CallLog } from './call-log';
import { attachCallLog, type InspectableClient } from './call-log-middleware';
import { applyClockSkew, type Clock, type SdkClient } from './clock';
import {
	isRenewable,
	retryOnExpiredMiddleware,
	type AwsCredentialsProvider,
} from './retry-on-expired';

export interface AwsCallOptions {
	region: string;
	/** One endpoint for every service (the sandbox); absent for real AWS. */
	endpoint?: string;
	/** What signs the calls: the app's credential provider, or any identity function (tests). */
	credentials: AwsCredentialsProvider;
	/** The corrected clock: every answer's Date header feeds it, every signature uses it. */
	clock?: Clock;
	/** Where each call is recorded: the app-wide log by default, `null` for none. */
	callLog?: CallLog | null;
	/** SDK attempts per call; the outbox does its own retrying, so it may pass 1. */
	maxAttempts?: number;
}

/** The SDK client settings these options mean. */
export function clientConfig(options: AwsCallOptions) {
	return {
		region: options.region,
		credentials: options.credentials,
		...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
		...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
	};
}

/** The behaviour every signed call shares, added to one client (SDK or fetch) as named middleware. */
export function instrument<I extends object, O extends object>(
	client: SdkClient<I, O>,
	options: AwsCallOptions,
): void {
	const { credentials, clock } = options;
	if (isRenewable(credentials)) {
		client.middlewareStack.addRelativeTo(retryOnExpiredMiddleware<I, O>(credentials), {
			relation: 'before',
			toMiddleware: 'httpSigningMiddleware',
			name: 'fedplayRetryOnExpired',
			override: true,
		});
	}
	if (clock) applyClockSkew(client, clock);
	const log = options.callLog === undefined ? appCallLog : options.callLog;
	if (log) attachCallLog(client as unknown as InspectableClient, log);
}
