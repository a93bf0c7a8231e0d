/** Every RoleSessionName the app picks starts with this, so the ARN says which app assumed the role. */
const SESSION_NAME_PREFIX = 'fedplay-';
const MAX_LENGTH = 64;

/**
 * A RoleSessionName (`[\w+=,.@-]{2,64}`) from the ID token's claims: `fedplay-` + preferred_username (or
 * `sub`), accents folded, every other character outside the allowed set replaced by `_`, cut to 64.
 * Only a label in the assumed-role ARN: never used to tell players apart (the caller picks it).
 */
export function roleSessionName(claims: { preferred_username?: unknown; sub?: unknown }): string {
	const candidate = [claims.preferred_username, claims.sub].find(
		(value): value is string => typeof value === 'string' && value.trim() !== '',
	);
	const cleaned = (candidate ?? '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\w+=,.@-]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return `${SESSION_NAME_PREFIX}${cleaned || 'player'}`.slice(0, MAX_LENGTH);
}
