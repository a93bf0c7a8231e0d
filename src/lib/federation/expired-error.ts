/** What AWS answers for credentials that have run out: S3, STS/DynamoDB, and S3's "must be refreshed". */
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);

/**
 * True for an AWS error saying the signing credentials expired. Its own module, free of SDK middleware,
 * so code on the first screen can import it without pulling `expired-retry.ts` out of the lazy chunk.
 */
export function isExpiredCredentialsError(error: unknown): boolean {
	const e = error as { name?: unknown; Code?: unknown } | null;
	return EXPIRED.has(String(e?.name)) || EXPIRED.has(String(e?.Code));
}
