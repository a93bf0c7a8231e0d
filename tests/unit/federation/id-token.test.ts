import { describe, expect, it } from 'vitest';
import { decodeJwt } from '../../../src/lib/aws/jwt';
import { ID_TOKEN_MARGIN_MS, idTokenIfValid } from '../../../src/lib/auth/tokens';

const NOW = Date.UTC(2026, 0, 1, 12);
const user = (exp: number | undefined, id_token: string | undefined = 'header.payload.sig') => ({
	id_token,
	profile: { sub: 'alice', iss: 'http://localhost:4000', aud: 'fedplay-web', iat: 0, exp } as never,
});

describe('which ID token is handed to STS', () => {
	it.each([
		['an hour left', NOW + 3_600_000, 'header.payload.sig'],
		['just over the margin', NOW + ID_TOKEN_MARGIN_MS + 1_000, 'header.payload.sig'],
		['within the margin (renew first)', NOW + ID_TOKEN_MARGIN_MS - 1_000, null],
		['expired', NOW - 1_000, null],
	])('%s', (_label, expMs, expected) => {
		expect(idTokenIfValid(user(Math.floor(expMs / 1000)), NOW)).toBe(expected);
	});

	it('refuses a user without an ID token or without exp', () => {
		expect(idTokenIfValid(user(Math.floor(NOW / 1000) + 3600, ''), NOW)).toBeNull();
		expect(idTokenIfValid(user(undefined), NOW)).toBeNull();
		expect(idTokenIfValid(null, NOW)).toBeNull();
	});
});

describe('the claims a RoleSessionName is named after (decodeJwt, unverified)', () => {
	const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

	it('reads the payload of a JWT, UTF-8 and unpadded base64url included', () => {
		const jwt = `${b64url({ alg: 'RS256' })}.${b64url({ preferred_username: 'zoë', sub: 's?' })}.sig`;
		expect(decodeJwt(jwt)?.claims).toEqual({ preferred_username: 'zoë', sub: 's?' });
	});

	it.each(['', 'not-a-jwt', 'a.%%%.c', `a.${Buffer.from('"text"').toString('base64url')}.c`])(
		'answers no claims for %j',
		(value) => {
			expect(decodeJwt(value)?.claims ?? {}).toEqual({});
		},
	);
});
