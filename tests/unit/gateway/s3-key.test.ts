import { describe, expect, it } from 'vitest';
import { AwsError } from '../../../sandbox/errors';
import { checkKeys, unsafeKeyReason } from '../../../sandbox/gateway/s3-key';
import { mapRequest, type RequestEnvironment } from '../../../src/lib/iam/request';
import { env as dynamoDBEnv } from '../iam/request/dynamodb-fixture';

const env: RequestEnvironment = { ...dynamoDBEnv, endpointHosts: ['localhost'] };

/** The gateway's key check of a request the mapping accepted. */
function checked(method: string, url: string, headers: Record<string, string> = {}): void {
	const mapped = mapRequest(
		{ service: 's3', method, url, headers: { host: 'localhost:4566', ...headers }, body: '' },
		env,
	);
	if (mapped.service !== 's3') throw new Error('expected an S3 request');
	checkKeys(mapped);
}

describe('checkKeys', () => {
	it('takes literal keys, quotes, parentheses and an encoded "%2F" alike', () => {
		expect(() => checked('PUT', "/fedplay-game-data/players/alice/it's%20(1)+.json")).not.toThrow();
		expect(() => checked('GET', '/fedplay-game-data/players/alice/a%252Fb')).not.toThrow();
	});

	it.each([
		'/fedplay-game-data/players/alice/../bob/x',
		'/fedplay-game-data/players/alice/%2E%2E/bob/x',
		'/fedplay-game-data/players/alice%2F..%2Fbob/x',
		'/fedplay-game-data/players/alice/./x',
		'/fedplay-game-data/players//alice/x',
	])('refuses %s with 400 rather than take a key a file system would resolve', (url) => {
		expect(() => checked('PUT', url)).toThrow(AwsError);
		expect(() => checked('PUT', url)).toThrow(
			expect.objectContaining({ status: 400, code: 'InvalidArgument' }),
		);
	});

	it("holds a copy's source to the same rules", () => {
		expect(() =>
			checked('PUT', '/fedplay-game-data/players/alice/copy', {
				'x-amz-copy-source': '/fedplay-game-data/players/alice/../bob/x',
			}),
		).toThrow(expect.objectContaining({ status: 400, code: 'InvalidArgument' }));
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
		[`players/alice/${'k'.repeat(255)}`, null],
		[
			`players/alice/${'k'.repeat(256)}`,
			'a path segment over 255 bytes (a file name is at most 255)',
		],
		[`players/${'é'.repeat(128)}/x`, 'a path segment over 255 bytes (a file name is at most 255)'],
	])('%j → %j', (key, reason) => {
		expect(unsafeKeyReason(key)).toBe(reason);
	});
});
