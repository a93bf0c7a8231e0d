import type { ContextValue } from '../../src/lib/iam/types';

/** One IAM question a request asks: may the caller perform `action` on `resource`, given `context`? */
export interface Authorization {
	/** `service:Operation`, e.g. `s3:GetObject`, `dynamodb:Query`. */
	action: string;
	/** The resource ARN, e.g. `arn:aws:s3:::fedplay-game-data/players/alice/profile.json`. */
	resource: string;
	/** Action-specific condition keys only; the gateway adds the global `aws:*` keys. */
	context: Record<string, ContextValue>;
}

/** A request the gateway answers itself, in the service's own error shape, without asking IAM. */
export interface Rejection {
	status: number;
	/** AWS error code, e.g. `NoSuchBucket`, `ValidationException`. */
	code: string;
	message: string;
	/** S3's service-specific elements after `Message` (`Size`, `MaxSizeAllowed`…). */
	extra?: Record<string, string>;
}

export type Mapping<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export function rejected(
	status: number,
	code: string,
	message: string,
	extra?: Record<string, string>,
): { ok: false; rejection: Rejection } {
	return { ok: false, rejection: { status, code, message, ...(extra && { extra }) } };
}
