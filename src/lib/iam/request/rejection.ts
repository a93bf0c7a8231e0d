/**
 * A request refused before any IAM question is asked, in AWS's own words: its error code, HTTP status and
 * message (a malformed body, another bucket, an operation the mapping cannot authorize). The sandbox gateway
 * answers it in the service's wire shape (sandbox/errors.ts); the inspector has nothing to explain for it.
 */
export class RequestRejection extends Error {
	override readonly name = 'RequestRejection';
	/** AWS error code, e.g. `NoSuchBucket`, `ValidationException`. */
	readonly code: string;
	readonly status: number;
	/** S3's service-specific elements after `Message` (`Size`, `MaxSizeAllowed`…). */
	readonly extra: Record<string, string>;

	constructor(status: number, code: string, message: string, extra: Record<string, string> = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.extra = extra;
	}
}
