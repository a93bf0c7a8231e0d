import { describe, expect, it } from 'vitest';
import { redactBody, redactHeaders, redactSecret, redactUrl } from '../../../src/lib/aws/redact';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A deterministic generator, so a failure reproduces. */
function makeRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function randomSecret(random: () => number, length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
	return out;
}

function base64url(text: string): string {
	return Buffer.from(text).toString('base64url');
}

/** The shapes a secret travels in: AWS XML and JSON, form bodies, OIDC token responses, JWTs. */
const SHAPES: [string, (secret: string) => string][] = [
	[
		'STS XML SecretAccessKey',
		(s) =>
			`<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>${s}</SecretAccessKey></Credentials>`,
	],
	[
		'STS XML SessionToken',
		(s) => `<SessionToken>${s}</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>`,
	],
	[
		'JSON credentials',
		(s) => JSON.stringify({ Credentials: { SecretAccessKey: s, SessionToken: s } }),
	],
	['pretty JSON', (s) => JSON.stringify({ sessionToken: s }, null, 2)],
	[
		'OIDC token response',
		(s) => JSON.stringify({ id_token: s, refresh_token: s, access_token: s }),
	],
	[
		'form body',
		(s) =>
			`Action=AssumeRoleWithWebIdentity&RoleArn=arn&WebIdentityToken=${encodeURIComponent(s)}&Version=2011-06-15`,
	],
	['form body, token first', (s) => `WebIdentityToken=${s}&Action=AssumeRoleWithWebIdentity`],
	[
		'JWT in free text',
		(s) => `token was ${base64url('{"alg":"RS256"}')}.${base64url(s)}.${base64url(s.slice(3))} ok`,
	],
	['truncated XML', (s) => `<SessionToken>${s}`],
	['truncated JSON', (s) => `{"SessionToken":"${s}`],
];

describe('redactSecret', () => {
	it.each([
		['a long secret keeps its ends', 'abcdefghijklmnopqrstuvwxyz', 'abcd…wxyz'],
		['a short secret is fully masked', 'short-secret', '••••'],
		['an empty secret is masked', '', '••••'],
	])('%s', (_name, value, expected) => {
		expect(redactSecret(value)).toBe(expected);
	});
});

describe('redactBody leaves no secret behind', () => {
	const random = makeRandom(20_240_601);
	const cases = SHAPES.flatMap(([shape, embed]) =>
		[20, 40, 64, 333, 1200].map((length) => [shape, length, embed] as const),
	);
	it.each(cases)('%s, %i characters', (_shape, length, embed) => {
		const secret = randomSecret(random, length);
		const out = redactBody(embed(secret), '');
		const encoded = encodeURIComponent(secret);
		const jwtPart = base64url(secret);
		for (const form of [secret, encoded, jwtPart]) {
			expect(out).not.toContain(form.slice(4, -4));
			expect(out).not.toContain(form.slice(2, 12));
		}
	});

	it('keeps what is not secret', () => {
		const body =
			'<AccessKeyId>ASIAEXAMPLE</AccessKeyId><Expiration>2030-01-01T00:00:00Z</Expiration>';
		expect(redactBody(body)).toBe(body);
	});

	// No catastrophic backtracking: a super-linear pattern would hang past the timeout on this input.
	it('redacts a 1 MB body', { timeout: 10_000 }, () => {
		const body = 'a'.repeat(500_000) + '.' + 'b'.repeat(500_000);
		expect(redactBody(body)).toHaveLength(body.length);
	});
});

describe('redactHeaders', () => {
	const signature = 'f'.repeat(8) + '0123456789abcdef'.repeat(3) + 'e'.repeat(8);
	const headers = redactHeaders({
		authorization: `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20300101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=${signature}`,
		'x-amz-security-token': 'IQoJb3JpZ2luX2VjEXAMPLETOKENVALUE1234567890',
		cookie: 'session=abcdefghijklmnopqrstuvwxyz; theme=dark-mode-value',
		'x-amz-date': '20300101T000000Z',
	});

	it('keeps the algorithm, Credential and SignedHeaders but masks the Signature', () => {
		expect(headers.authorization).toContain(
			'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20300101/us-east-1/s3/aws4_request',
		);
		expect(headers.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token');
		expect(headers.authorization).toContain('Signature=ffff…eeee');
		expect(headers.authorization).not.toContain(signature.slice(4, -4));
	});

	it('masks the session token and cookie values, and keeps the rest', () => {
		expect(headers['x-amz-security-token']).toBe('IQoJ…7890');
		expect(headers.cookie).toBe('session=abcd…wxyz; theme=••••');
		expect(headers['x-amz-date']).toBe('20300101T000000Z');
	});

	it('accepts a Headers object', () => {
		const out = redactHeaders(new Headers({ Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' }));
		expect(out.authorization).toBe('Bearer abcd…wxyz');
	});
});

describe('redactUrl', () => {
	it('masks presigned URL signatures and tokens', () => {
		const url =
			'https://b.s3.amazonaws.com/k?X-Amz-Credential=ASIAEXAMPLE%2F20300101&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLETOKEN&X-Amz-Signature=0123456789abcdef0123456789abcdef';
		const out = redactUrl(url);
		expect(out).not.toContain('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
		expect(out).not.toContain('0123456789abcdef0123456789abcdef');
	});
});
