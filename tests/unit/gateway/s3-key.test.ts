import { describe, expect, it } from 'vitest';
import { AwsError } from '../../../sandbox/errors';
import { storageTarget, unsafeKeyReason } from '../../../sandbox/gateway/s3-key';
import { mapRequest, type RequestEnvironment } from '../../../src/lib/iam/request';
import { env as dynamoDBEnv } from '../iam/request/dynamodb-fixture';

const env: RequestEnvironment = { ...dynamoDBEnv, endpointHosts: ['localhost'] };

/** What the gateway forwards to s3rver for a request the mapping accepted. */
function forwardPath(method: string, url: string): string {
	const mapped = mapRequest(
		{ service: 's3', method, url, headers: { host: 'localhost:4566' }, body: '' },
		env,
	);
	if (mapped.service !== 's3') throw new Error('expected an S3 request');
	return storageTarget(mapped);
}

describe('storageTarget', () => {
	it('re-encodes the key for storage so s3rver addresses the same literal key', () => {
		expect(forwardPath('PUT', "/fedplay-game-data/players/alice/it's%20(1)+.json")).toBe(
			'/fedplay-game-data/players/alice/it%27s%20%281%29%2B.json',
		);
		expect(forwardPath('GET', '/fedplay-game-data/players/alice/a%252Fb')).toBe(
			'/fedplay-game-data/players/alice/a%252Fb',
		);
	});

	it('forwards the query without the parameters that do not change the operation', () => {
		expect(
			forwardPath('GET', '/fedplay-game-data?list-type=2&prefix=p%2F&x-id=ListObjectsV2'),
		).toBe('/fedplay-game-data?list-type=2&prefix=p%2F');
	});

	it.each([
		'/fedplay-game-data/players/alice/../bob/x',
		'/fedplay-game-data/players/alice/%2E%2E/bob/x',
		'/fedplay-game-data/players/alice%2F..%2Fbob/x',
		'/fedplay-game-data/players/alice/./x',
		'/fedplay-game-data/players//alice/x',
	])('refuses %s with 400 rather than let the authorized ARN and the stored key differ', (url) => {
		expect(() => forwardPath('PUT', url)).toThrow(AwsError);
		expect(() => forwardPath('PUT', url)).toThrow(
			expect.objectContaining({ status: 400, code: 'InvalidArgument' }),
		);
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
