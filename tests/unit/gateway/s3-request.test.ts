import { describe, expect, it } from 'vitest';
import { mapS3Request } from '../../../sandbox/gateway/s3-request';
import { unsafeKeyReason } from '../../../sandbox/gateway/s3-key';

const env = { bucket: 'fedplay-game-data', endpointHosts: ['localhost', '127.0.0.1'] };
const host = { host: 'localhost:4566' };

function map(method: string, url: string, headers: Record<string, string> = {}) {
	return mapS3Request(method, url, { ...host, ...headers }, env);
}

describe('mapS3Request', () => {
	it.each([
		[
			'GET',
			'/fedplay-game-data/players/alice/profile.json?x-id=GetObject',
			's3:GetObject',
			'arn:aws:s3:::fedplay-game-data/players/alice/profile.json',
		],
		[
			'HEAD',
			'/fedplay-game-data/players/alice/profile.json',
			's3:GetObject',
			'arn:aws:s3:::fedplay-game-data/players/alice/profile.json',
		],
		[
			'PUT',
			'/fedplay-game-data/players/alice/saves/1.json?x-id=PutObject',
			's3:PutObject',
			'arn:aws:s3:::fedplay-game-data/players/alice/saves/1.json',
		],
		[
			'DELETE',
			'/fedplay-game-data/players/alice/x',
			's3:DeleteObject',
			'arn:aws:s3:::fedplay-game-data/players/alice/x',
		],
		[
			'GET',
			'/fedplay-game-data?list-type=2&prefix=players%2Falice%2F',
			's3:ListBucket',
			'arn:aws:s3:::fedplay-game-data',
		],
	])('maps %s %s to %s', (method, url, action, resource) => {
		const mapped = map(method, url);
		expect(mapped.ok && mapped.value.authorization).toMatchObject({ action, resource });
	});

	it('decodes the key exactly once, so %2F is a separator and %252F stays a literal "%2F"', () => {
		const once = map('GET', '/fedplay-game-data/players%2Fbob%2Fx');
		const twice = map('GET', '/fedplay-game-data/players/alice/a%252Fb');
		expect(once.ok && once.value.key).toBe('players/bob/x');
		expect(twice.ok && twice.value.key).toBe('players/alice/a%2Fb');
		expect(twice.ok && twice.value.forwardPath).toBe('/fedplay-game-data/players/alice/a%252Fb');
	});

	it('re-encodes the key for storage so s3rver addresses the same literal key', () => {
		const mapped = map('PUT', "/fedplay-game-data/players/alice/it's%20(1)+.json");
		expect(mapped.ok && mapped.value.key).toBe("players/alice/it's (1)+.json");
		expect(mapped.ok && mapped.value.forwardPath).toBe(
			'/fedplay-game-data/players/alice/it%27s%20%281%29%2B.json',
		);
	});

	it.each([
		'/fedplay-game-data/players/alice/../bob/x',
		'/fedplay-game-data/players/alice/%2E%2E/bob/x',
		'/fedplay-game-data/players/alice%2F..%2Fbob/x',
		'/fedplay-game-data/players/alice/./x',
		'/fedplay-game-data/players//alice/x',
	])('refuses %s with 400 rather than let the authorized ARN and the stored key differ', (url) => {
		const mapped = map('PUT', url);
		expect(mapped.ok).toBe(false);
		expect(!mapped.ok && mapped.rejection).toMatchObject({ status: 400, code: 'InvalidArgument' });
	});

	it('puts prefix, delimiter and max-keys in the context, and leaves an absent prefix out', () => {
		const withPrefix = map(
			'GET',
			'/fedplay-game-data?list-type=2&prefix=players%2Falice%2F&delimiter=%2F&max-keys=10',
		);
		const without = map('GET', '/fedplay-game-data?list-type=2');
		const empty = map('GET', '/fedplay-game-data?list-type=2&prefix=');
		expect(withPrefix.ok && withPrefix.value.authorization.context).toMatchObject({
			's3:prefix': 'players/alice/',
			's3:delimiter': '/',
			's3:max-keys': '10',
		});
		expect(without.ok && without.value.authorization.context).not.toHaveProperty('s3:prefix');
		expect(empty.ok && empty.value.authorization.context['s3:prefix']).toBe('');
	});

	it.each([
		['POST', '/fedplay-game-data/players/alice/x?uploads', {}],
		[
			'PUT',
			'/fedplay-game-data/players/alice/x',
			{ 'x-amz-copy-source': '/fedplay-game-data/players/bob/x' },
		],
		['PUT', '/fedplay-game-data/players/alice/x', { 'x-amz-acl': 'public-read' }],
		['PUT', '/fedplay-game-data/players/alice/x?acl', {}],
		['GET', '/fedplay-game-data/players/alice/x?versionId=1', {}],
		['GET', '/fedplay-game-data?policy', {}],
		['PUT', '/fedplay-game-data', {}],
		['POST', '/fedplay-game-data?delete', {}],
		['GET', '/', {}],
	])('denies the unmappable %s %s without forwarding it', (method, url, headers) => {
		const mapped = map(method, url, headers);
		expect(!mapped.ok && mapped.rejection).toMatchObject({ status: 403, code: 'AccessDenied' });
	});

	it('answers NoSuchBucket for any other bucket', () => {
		const mapped = map('GET', '/other-bucket/players/alice/x');
		expect(!mapped.ok && mapped.rejection).toMatchObject({ status: 404, code: 'NoSuchBucket' });
	});

	it('refuses virtual-hosted-style requests with a clear error', () => {
		const mapped = mapS3Request(
			'GET',
			'/players/alice/x',
			{ host: 'fedplay-game-data.localhost:4566' },
			env,
		);
		expect(!mapped.ok && mapped.rejection.message).toMatch(/path-style/);
	});
});

describe('unsafeKeyReason', () => {
	it.each([
		['players/alice/profile.json', null],
		['players/alice/folder/', null],
		['players/alice/..hidden', null],
		['players/alice/../bob', 'a ".." path segment'],
		['/players', 'an empty path segment ("//")'],
		['a\0b', 'a NUL character'],
		[`players/alice/${'k'.repeat(233)}`, null],
		[
			`players/alice/${'k'.repeat(234)}`,
			'a path segment over 233 bytes (a file name is at most 255)',
		],
		[`players/${'é'.repeat(117)}/x`, 'a path segment over 233 bytes (a file name is at most 255)'],
	])('%j → %j', (key, reason) => {
		expect(unsafeKeyReason(key)).toBe(reason);
	});
});
