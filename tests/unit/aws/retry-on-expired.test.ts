// The fault here (AWS answering ExpiredTokenException to credentials the app still thinks valid, as after
// a laptop sleeps) can be produced by the sandbox only by moving its clock; this unit test uses a tiny
// local HTTP server that speaks DynamoDB's JSON protocol instead, with the app's own calls (lib/aws: the
// real SDK client and signer) and the app's credential provider.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsCalls } from '../../../src/lib/aws/calls';
import { isExpiredCredentialsError } from '../../../src/lib/aws/errors';
import { createStsCalls } from '../../../src/lib/aws/sts';
import {
	createCredentialProvider,
	type CredentialVault,
} from '../../../src/lib/federation/credential-provider';
import { createOidcWebIdentitySource } from '../../../src/lib/federation/oidc-source';
import { createRefreshCoordinator } from '../../../src/lib/federation/refresh-coordinator';
import { createLocalLockManager } from '../../../src/lib/vault/locks';
import type { CredentialRecord } from '../../../src/lib/vault/types';

type Answer = { status: number; body: object | string; type?: string };
const EXPIRED: Answer = {
	status: 400,
	body: {
		__type: 'com.amazon.coral.service#ExpiredTokenException',
		message: 'The security token included in the request is expired',
	},
};
const DENIED: Answer = {
	status: 400,
	body: {
		__type: 'com.amazon.coral.service#AccessDeniedException',
		message: 'User: … is not authorized',
	},
};
const ASSUME_ROLE_XML = `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIASTS</AccessKeyId>
<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>
</Credentials></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`;
const OK: Answer = { status: 200, body: { Item: { UserId: { S: 'alice' } } } };

let server: Server;
let endpoint: string;
let answers: Answer[] = [];
/** AccessKeyId and session token of every request, read from its SigV4 headers. */
let seen: { accessKeyId: string; token: string }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		req.resume();
		const credential = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
		seen.push({ accessKeyId: credential, token: String(req.headers['x-amz-security-token']) });
		const answer = answers.shift() ?? OK;
		req.on('end', () => {
			res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/x-amz-json-1.0' });
			res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const NOW = Date.now();

function creds(n: number): CredentialRecord {
	return {
		sourceKey: `sandbox|arn:aws:iam::123456789012:role/FedplayPlayer`,
		providerId: 'sandbox',
		roleArn: 'arn:aws:iam::123456789012:role/FedplayPlayer',
		accessKeyId: `ASIAKEY${n}`,
		secretAccessKey: `secret-${n}`,
		sessionToken: `token-${n}`,
		expiration: NOW + 3_600_000,
		assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/FedplayPlayer/alice',
		assumedRoleId: 'AROAEXAMPLE:alice',
		subject: 'alice',
		issuer: 'http://localhost:4000',
		obtainedAt: NOW,
	};
}

function setup() {
	const stored = new Map<string, CredentialRecord>([['v', creds(1)]]);
	const vault: CredentialVault = {
		load: async () => stored.get('v') ?? null,
		save: async (c) => void stored.set('v', c),
		remove: async () => void stored.delete('v'),
	};
	let issued = 1;
	const assumed: string[] = [];
	const source = createOidcWebIdentitySource({
		provider: { id: 'sandbox', roleArn: 'arn:aws:iam::123456789012:role/FedplayPlayer' },
		now: () => NOW,
		assume: async ({ idToken }) => {
			assumed.push(idToken);
			const c = creds(++issued);
			return {
				Credentials: {
					AccessKeyId: c.accessKeyId,
					SecretAccessKey: c.secretAccessKey,
					SessionToken: c.sessionToken,
					Expiration: new Date(c.expiration),
				},
				AssumedRoleUser: { Arn: c.assumedRoleArn, AssumedRoleId: c.assumedRoleId },
			};
		},
		tokens: {
			current: async () => 'id-token',
			renewSilently: async () => null,
			signInAgain: () => Promise.reject(new Error('interactive sign-in requested')),
		},
	});
	const provider = createCredentialProvider({
		source,
		vault,
		coordinator: createRefreshCoordinator({ locks: createLocalLockManager(), channel: null }),
		timers: false,
	});
	const calls = createAwsCalls({
		region: 'us-east-1',
		endpoint,
		credentials: provider,
		maxAttempts: 1,
		callLog: null,
	});
	const getItem = () =>
		calls.dynamodb.call('GetItem', {
			TableName: 'GameScores',
			Key: { UserId: { S: 'alice' }, GameTitle: { S: 'x' } },
		});
	return { provider, getItem, assumed };
}

beforeEach(() => {
	answers = [];
	seen = [];
});

describe('retry on expired credentials (real DynamoDB client, local fault server)', () => {
	it('refreshes and retries once, re-signed with the new credentials', async () => {
		const { getItem, assumed } = setup();
		answers = [EXPIRED];
		const out = await getItem();
		expect(out.Item).toEqual({ UserId: { S: 'alice' } });
		expect(seen).toEqual([
			{ accessKeyId: 'ASIAKEY1', token: 'token-1' },
			{ accessKeyId: 'ASIAKEY2', token: 'token-2' },
		]);
		expect(assumed).toEqual(['id-token']);
	});

	it('keeps using the new credentials for the next calls', async () => {
		const { getItem } = setup();
		answers = [EXPIRED];
		await getItem();
		await getItem();
		expect(seen.map((s) => s.accessKeyId)).toEqual(['ASIAKEY1', 'ASIAKEY2', 'ASIAKEY2']);
	});

	it('retries only once: a second expiry reaches the caller', async () => {
		const { getItem, assumed } = setup();
		answers = [EXPIRED, EXPIRED];
		await expect(getItem()).rejects.toMatchObject({ name: 'ExpiredTokenException' });
		expect(seen).toHaveLength(2);
		expect(assumed).toHaveLength(1);
	});

	it('does not retry other errors', async () => {
		const { getItem, assumed } = setup();
		answers = [DENIED];
		await expect(getItem()).rejects.toMatchObject({ name: 'AccessDeniedException' });
		expect(seen).toHaveLength(1);
		expect(assumed).toEqual([]);
	});

	it('signs with what the provider holds now, not a copy the SDK memoized', async () => {
		const { getItem, provider } = setup();
		await getItem();
		await provider.refreshNow();
		await getItem();
		expect(seen.map((s) => s.accessKeyId)).toEqual(['ASIAKEY1', 'ASIAKEY2']);
	});
});

describe('unsigned calls', () => {
	it('lets AssumeRoleWithWebIdentity through without asking the provider (it could wait on itself)', async () => {
		const { provider } = setup();
		let asked = 0;
		const counting = Object.assign(() => ((asked += 1), provider()), provider);
		const sts = createStsCalls({
			region: 'us-east-1',
			endpoint,
			credentials: counting,
			maxAttempts: 1,
			callLog: null,
		});
		answers = [{ status: 200, type: 'text/xml', body: ASSUME_ROLE_XML }];
		const out = await sts.assumeRoleWithWebIdentity({
			RoleArn: 'arn:aws:iam::123456789012:role/FedplayPlayer',
			RoleSessionName: 'alice',
			WebIdentityToken: 'id-token',
		});
		expect(out.Credentials?.AccessKeyId).toBe('ASIASTS');
		expect(seen[0]?.accessKeyId).toBe('');
		expect(asked).toBe(0);
	});
});

describe('isExpiredCredentialsError', () => {
	it.each([
		[{ name: 'ExpiredToken' }, true],
		[{ name: 'ExpiredTokenException' }, true],
		[{ name: 'TokenRefreshRequired' }, true],
		[{ name: 'S3ServiceException', Code: 'ExpiredToken' }, true],
		[{ name: 'AccessDenied' }, false],
		[{ name: 'InvalidIdentityToken' }, false],
		[null, false],
		['ExpiredToken', false],
	])('%j → %s', (error, expected) => {
		expect(isExpiredCredentialsError(error)).toBe(expected);
	});
});
