import { describe, expect, it } from 'vitest';
import { mapRequest } from '../../../../src/lib/iam/request';
import { env as dynamoDBEnv, outcomeOf } from './dynamodb-fixture';

const env = { ...dynamoDBEnv, endpointHosts: ['localhost', '127.0.0.1'] };
const host = { host: 'localhost:4566' };

function mapS3(method: string, url: string, headers: Record<string, string>, environment = env) {
	const request = { service: 's3' as const, method, url, headers, body: '' };
	return outcomeOf(() => {
		const mapped = mapRequest(request, environment);
		if (mapped.service !== 's3') throw new Error('expected an S3 request');
		return mapped;
	});
}

function map(method: string, url: string, headers: Record<string, string> = {}) {
	return mapS3(method, url, { ...host, ...headers });
}

describe('mapRequest for S3', () => {
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

	const object = 'arn:aws:s3:::fedplay-game-data/players/alice/x';
	it.each([
		['POST', '/fedplay-game-data/players/alice/x?uploads', 's3:PutObject', object],
		['PUT', '/fedplay-game-data/players/alice/x?partNumber=2&uploadId=u', 's3:PutObject', object],
		['POST', '/fedplay-game-data/players/alice/x?uploadId=u', 's3:PutObject', object],
		['DELETE', '/fedplay-game-data/players/alice/x?uploadId=u', 's3:AbortMultipartUpload', object],
		[
			'GET',
			'/fedplay-game-data/players/alice/x?uploadId=u&max-parts=2',
			's3:ListMultipartUploadParts',
			object,
		],
		[
			'GET',
			'/fedplay-game-data?uploads&prefix=players%2F',
			's3:ListBucketMultipartUploads',
			'arn:aws:s3:::fedplay-game-data',
		],
	])('maps the multipart step %s %s to %s', (method, url, action, resource) => {
		const mapped = map(method, url);
		expect(mapped.ok && mapped.value.authorizations).toEqual([
			expect.objectContaining({ action, resource }),
		]);
	});

	it('maps CopyObject to s3:GetObject on the source (decoded once) and s3:PutObject on the target', () => {
		const mapped = map('PUT', '/fedplay-game-data/players/alice/x', {
			'x-amz-copy-source': '/fedplay-game-data/players/bob/a%20b%2Fc',
		});
		expect(mapped.ok && mapped.value.operation).toBe('CopyObject');
		expect(mapped.ok && mapped.value.authorizations.map((a) => [a.action, a.resource])).toEqual([
			['s3:GetObject', 'arn:aws:s3:::fedplay-game-data/players/bob/a b/c'],
			['s3:PutObject', object],
		]);
		const unprefixed = map('PUT', '/fedplay-game-data/players/alice/x', {
			'x-amz-copy-source': 'fedplay-game-data/players/alice/y',
		});
		expect(unprefixed.ok && unprefixed.value.copySource).toEqual({
			bucket: 'fedplay-game-data',
			key: 'players/alice/y',
		});
	});

	it.each([
		['another bucket', 'other/x', 404, 'NoSuchBucket'],
		['no key', 'fedplay-game-data', 400, 'InvalidArgument'],
		['a source version', 'fedplay-game-data/x?versionId=3', 403, 'AccessDenied'],
		['malformed encoding', 'fedplay-game-data/%zz', 400, 'InvalidArgument'],
	])('refuses a copy source with %s', (_name, source, status, code) => {
		const mapped = map('PUT', '/fedplay-game-data/players/alice/x', {
			'x-amz-copy-source': source,
		});
		expect(!mapped.ok && mapped.rejection).toMatchObject({ status, code });
	});

	it('maps DeleteObjects to one s3:DeleteObject per key, each decided on its own', () => {
		const body =
			'<?xml version="1.0"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>true</Quiet>' +
			'<Object><Key>players/alice/a</Key></Object><Object><Key>players/bob/a&amp;b</Key></Object></Delete>';
		const request = {
			service: 's3' as const,
			method: 'POST',
			url: '/fedplay-game-data?delete',
			headers: host,
			body,
		};
		const mapped = outcomeOf(() => mapRequest(request, env));
		expect(
			mapped.ok &&
				mapped.value.service === 's3' &&
				mapped.value.objectAuthorizations?.map((o) => [
					o.key,
					o.authorization.action,
					o.authorization.resource,
				]),
		).toEqual([
			['players/alice/a', 's3:DeleteObject', 'arn:aws:s3:::fedplay-game-data/players/alice/a'],
			['players/bob/a&b', 's3:DeleteObject', 'arn:aws:s3:::fedplay-game-data/players/bob/a&b'],
		]);
	});

	it.each([
		['no body', ''],
		['an XML bomb', '<!DOCTYPE d [<!ENTITY a "a">]><Delete>&a;</Delete>'],
		['no object', '<Delete></Delete>'],
		['an object without a key', '<Delete><Object><VersionId>1</VersionId></Object></Delete>'],
		['1,001 objects', `<Delete>${'<Object><Key>k</Key></Object>'.repeat(1001)}</Delete>`],
	])('refuses a DeleteObjects body with %s as MalformedXML', (_name, body) => {
		const request = {
			service: 's3' as const,
			method: 'POST',
			url: '/fedplay-game-data?delete',
			headers: host,
			body,
		};
		const mapped = outcomeOf(() => mapRequest(request, env));
		expect(!mapped.ok && mapped.rejection).toMatchObject({ status: 400, code: 'MalformedXML' });
	});

	it("leaves presigned URLs' X-Amz-* parameters out of the operation, and marks the context", () => {
		const mapped = map(
			'GET',
			'/fedplay-game-data/players/alice/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Signature=0',
		);
		expect(mapped.ok && mapped.value.authorization.context['s3:authType']).toBe(
			'REST-QUERY-STRING',
		);
	});

	it.each([
		['PUT', '/fedplay-game-data/players/alice/x', { 'x-amz-acl': 'public-read' }],
		['PUT', '/fedplay-game-data/players/alice/x?acl', {}],
		['GET', '/fedplay-game-data/players/alice/x?versionId=1', {}],
		['GET', '/fedplay-game-data?policy', {}],
		['PUT', '/fedplay-game-data', {}],
		[
			'PUT',
			'/fedplay-game-data/players/alice/x?partNumber=1&uploadId=u',
			{ 'x-amz-copy-source': 'fedplay-game-data/y' },
		],
		[
			'PUT',
			'/fedplay-game-data/players/alice/x',
			{ 'x-amz-copy-source': 'fedplay-game-data/y', 'x-amz-tagging-directive': 'REPLACE' },
		],
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
		const mapped = mapS3('GET', '/players/alice/x', { host: 'fedplay-game-data.localhost:4566' });
		expect(!mapped.ok && mapped.rejection.message).toMatch(/path-style/);
	});
});

describe('mapRequest for S3 addressed virtual-hosted style, as the SDK addresses real S3', () => {
	const base = 's3.us-east-1.amazonaws.com';
	const aws = { ...env, endpointHosts: [base], virtualHostBases: [base] };
	const at = (host: string, method: string, url: string) => mapS3(method, url, { host }, aws);

	it.each([
		[
			'GET',
			'/players/oidc1/alice/profile.json?x-id=GetObject',
			's3:GetObject',
			'arn:aws:s3:::fedplay-game-data/players/oidc1/alice/profile.json',
		],
		[
			'PUT',
			'/players/oidc1/alice/saves/slot-1.json?x-id=PutObject',
			's3:PutObject',
			'arn:aws:s3:::fedplay-game-data/players/oidc1/alice/saves/slot-1.json',
		],
		[
			'GET',
			'/?list-type=2&prefix=players%2Foidc1%2Falice%2F',
			's3:ListBucket',
			'arn:aws:s3:::fedplay-game-data',
		],
	])('reads the bucket from the host: %s %s is %s', (method, url, action, resource) => {
		const mapped = at(`fedplay-game-data.${base}`, method, url);
		expect(mapped.ok && mapped.value.authorizations).toEqual([
			expect.objectContaining({ action, resource }),
		]);
	});

	it('reads the bucket from the path on the base host itself', () => {
		const mapped = at(base, 'GET', '/fedplay-game-data/players/oidc1/alice/profile.json');
		expect(mapped.ok && mapped.value.key).toBe('players/oidc1/alice/profile.json');
	});

	it.each([
		[`other-bucket.${base}`, 404, 'NoSuchBucket'],
		['fedplay-game-data.s3.eu-west-1.amazonaws.com', 400, 'InvalidRequest'],
	])('refuses the host %s with %i %s', (host, status, code) => {
		const mapped = at(host, 'GET', '/players/oidc1/alice/profile.json');
		expect(!mapped.ok && mapped.rejection).toMatchObject({ status, code });
	});
});
