/**
 * AssumeRoleWithWebIdentity with `ProviderId`, the OAuth 2.0 path, with the real STS client: an access token
 * from the sandbox Login with Amazon (a real sign-in over HTTP, or the provider's own in-process issue), which
 * STS checks with the provider's token information endpoint, server to server; every `ProviderId` rule and
 * refusal in STS's codes; what the session can reach with `${www.amazon.com:user_id}`. A small token
 * information server of our own stands in for a provider that is slow, broken or says what ours never would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { AMAZON_PROVIDER_ID, type OAuthProviders } from '../../sandbox/sts';
import { accessTokenFor, amazonRoleArn, assumeWithAccessToken } from './amazon-client';
import {
	clientsFor,
	destroyClients,
	failureOf,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import { ACCOUNT, asPlayerCredentials, stsFailure, webIdentity } from './sts-clients';

let sandbox: Sandbox;
let realProvider: NonNullable<ReturnType<OAuthProviders['get']>>;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	realProvider = sandbox.oauthProviders.get(AMAZON_PROVIDER_ID)!;
});

afterEach(() => {
	sandbox.clock.reset();
	sandbox.oauthProviders.set(AMAZON_PROVIDER_ID, realProvider);
});

afterAll(async () => {
	await sandbox?.close();
});

const NOT_AUTHORIZED = {
	code: 'AccessDenied',
	status: 403,
	message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
};
const REJECTED = {
	code: 'IDPRejectedClaim',
	status: 403,
	message: 'www.amazon.com: www.amazon.com responded with HTTP/1.1 400 Bad Request',
};
const NOT_A_JWT = {
	code: 'InvalidIdentityToken',
	status: 400,
	message:
		'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
};
const UNREACHABLE = {
	code: 'IDPCommunicationError',
	status: 400,
	message: expect.stringMatching(
		/^The request could not be fulfilled because the identity provider/,
	),
};

describe('ProviderId www.amazon.com with a Login with Amazon access token', () => {
	it('issues credentials for the role, answering as STS does for an OAuth 2.0 provider', async () => {
		const token = await accessTokenFor(sandbox.amazon, 'alice');
		const answer = await assumeWithAccessToken(sandbox, token, { RoleSessionName: 'amz-alice' });
		expect(answer).toMatchObject({
			Provider: 'www.amazon.com',
			SubjectFromWebIdentityToken: sandbox.amazon.userIdOf('alice'),
			Audience: sandbox.amazon.app.clientId,
			AssumedRoleUser: {
				Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fedplay-player-amazon/amz-alice`,
			},
			Credentials: { AccessKeyId: expect.stringMatching(/^ASIA/) },
		});
		// An access token carries no claims: no source identity, no tags, nothing packed.
		expect(answer.SourceIdentity).toBeUndefined();
		expect(answer.PackedPolicySize).toBeUndefined();
	});

	it('puts www.amazon.com:user_id and :app_id in the session, and no tags', async () => {
		const token = sandbox.amazon.issueAccessToken('bob');
		const answer = await assumeWithAccessToken(sandbox, token);
		const session = sandbox.sessions.findByAccessKeyId(answer.Credentials!.AccessKeyId!)!;
		expect(session.webIdentityContext).toEqual({
			'www.amazon.com:user_id': sandbox.amazon.userIdOf('bob'),
			'www.amazon.com:app_id': sandbox.amazon.app.appId,
			'aws:FederatedProvider': 'www.amazon.com',
		});
		expect(session.tags).toEqual([]);
		expect(session.provider).toBe('www.amazon.com');
	});

	it('asks the provider with the token exactly as the app got it', async () => {
		const fake = await startTokenInfo(() => ({ status: 200, body: validInfo() }));
		try {
			useTokenInfo(fake.url);
			const token = 'Atza|a+b/c=d&e?f#g';
			const answer = await assumeWithAccessToken(sandbox, token);
			expect(answer.SubjectFromWebIdentityToken).toBe('amzn1.account.FAKEFAKEFAKE');
			expect(fake.received).toEqual([token]);
		} finally {
			await fake.close();
		}
	});
});

describe('ProviderId rules', () => {
	it.each([
		'accounts.google.com',
		'https://www.amazon.com',
		'www.amazon.com:443',
		'WWW.AMAZON.COM',
		'amazon.com',
		'www.amazon.com.',
		'cognito-identity.amazonaws.com',
	])('refuses ProviderId %j, which is no OAuth 2.0 provider STS supports', async (providerId) => {
		const token = sandbox.amazon.issueAccessToken('alice');
		const failure = await stsFailure(
			assumeWithAccessToken(sandbox, token, { ProviderId: providerId }),
		);
		expect(failure).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
		expect(failure.message).toContain('is not an OAuth 2.0 identity provider that STS supports');
		expect(failure.message).toContain('omit ProviderId for OpenID Connect ID tokens');
	});

	it('refuses graph.facebook.com, which AWS accepts, saying the sandbox does not emulate it', async () => {
		const failure = await stsFailure(
			assumeWithAccessToken(sandbox, 'EAAGm0PX4ZCpsBA', { ProviderId: 'graph.facebook.com' }),
		);
		expect(failure).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
		expect(failure.message).toMatch(
			/accepted by AWS STS, but the Fedplay sandbox does not emulate Facebook/,
		);
	});

	it.each([
		['3 characters', 'abc', 'greater than or equal to 4'],
		['2,049 characters', `${'a'.repeat(2045)}.com`, 'less than or equal to 2048'],
	])('refuses a ProviderId of %s with ValidationError', async (_case, providerId, constraint) => {
		const token = sandbox.amazon.issueAccessToken('alice');
		const failure = await stsFailure(
			assumeWithAccessToken(sandbox, token, { ProviderId: providerId }),
		);
		expect(failure).toMatchObject({ code: 'ValidationError', status: 400 });
		expect(failure.message).toContain(
			`at 'providerId' failed to satisfy constraint: Member must have length ${constraint}`,
		);
	});

	it.each([0, 1])(
		'refuses an OpenID Connect ID token (provider %i) sent with ProviderId: the provider rejects it',
		async (provider) => {
			const idToken = await sandbox.idps[provider]!.issueIdToken('alice');
			expect(await stsFailure(assumeWithAccessToken(sandbox, idToken))).toEqual(REJECTED);
		},
	);

	it('refuses an access token sent without ProviderId, on either role, as STS refuses any non-JWT', async () => {
		const token = sandbox.amazon.issueAccessToken('alice');
		for (const RoleArn of [amazonRoleArn(sandbox), sandbox.roleArns[0]!]) {
			const failure = await stsFailure(
				assumeWithAccessToken(sandbox, token, { ProviderId: undefined, RoleArn }),
			);
			expect(failure).toEqual(NOT_A_JWT);
		}
	});

	it('refuses an expired token (an hour by the sandbox clock) with IDPRejectedClaim', async () => {
		const token = sandbox.amazon.issueAccessToken('alice');
		// Five seconds short of the hour: the sandbox clock also runs in real time, and a busy machine may
		// take a second between issuing and asking.
		sandbox.clock.advance(3_595_000);
		expect((await assumeWithAccessToken(sandbox, token)).Credentials).toBeDefined();
		sandbox.clock.advance(5_000);
		expect(await stsFailure(assumeWithAccessToken(sandbox, token))).toEqual(REJECTED);
	});

	it('refuses a revoked token with IDPRejectedClaim', async () => {
		const token = sandbox.amazon.issueAccessToken('carol');
		expect(sandbox.amazon.revokeAccessToken(token)).toBe(true);
		expect(await stsFailure(assumeWithAccessToken(sandbox, token))).toEqual(REJECTED);
	});

	it.each([
		['a token the provider never issued', `Atza|${'n'.repeat(400)}`],
		['a refresh token', `Atzr|${'r'.repeat(400)}`],
		['four characters', 'Atza'],
		['a token longer than Login with Amazon issues', `Atza|${'l'.repeat(3000)}`],
	])('refuses %s with IDPRejectedClaim', async (_case, token) => {
		expect(await stsFailure(assumeWithAccessToken(sandbox, token))).toEqual(REJECTED);
	});

	it('denies a token issued to another app: its app_id is not the one the trust policy names', async () => {
		const token = sandbox.amazon.issueAccessToken('alice', { app: sandbox.amazon.otherApp });
		expect(await stsFailure(assumeWithAccessToken(sandbox, token))).toEqual(NOT_AUTHORIZED);
	});

	it('denies an access token on an OpenID Connect player role, and an ID token on the Amazon role', async () => {
		const token = sandbox.amazon.issueAccessToken('alice');
		for (const RoleArn of sandbox.roleArns.slice(0, 2)) {
			expect(await stsFailure(assumeWithAccessToken(sandbox, token, { RoleArn }))).toEqual(
				NOT_AUTHORIZED,
			);
		}
		const idToken = webIdentity(sandbox, 'alice', { RoleArn: amazonRoleArn(sandbox) });
		expect(await stsFailure(idToken)).toEqual(NOT_AUTHORIZED);
	});

	it('denies a role that does not exist, exactly like an untrusting one', async () => {
		const token = sandbox.amazon.issueAccessToken('alice');
		const RoleArn = `arn:aws:iam::${ACCOUNT}:role/no-such-role`;
		expect(await stsFailure(assumeWithAccessToken(sandbox, token, { RoleArn }))).toEqual(
			NOT_AUTHORIZED,
		);
	});
});

describe('what STS makes of the provider’s answer', () => {
	it.each([
		['a user_id with a slash', { user_id: 'amzn1.account.bob/saves' }],
		['a user_id that is only a slash', { user_id: '/' }],
		['another app_id', { app_id: 'amzn1.application.00000000000000000000000000000000' }],
	])('denies %s through the trust policy', async (_case, change) => {
		const fake = await startTokenInfo(() => ({ status: 200, body: validInfo(change) }));
		try {
			useTokenInfo(fake.url);
			const failure = await stsFailure(assumeWithAccessToken(sandbox, 'Atza|fake'));
			expect(failure).toEqual(NOT_AUTHORIZED);
		} finally {
			await fake.close();
		}
	});

	it.each([
		['401', { status: 401, body: '{"error":"invalid_token"}' }, 'HTTP/1.1 401 Unauthorized'],
		['403', { status: 403, body: '' }, 'HTTP/1.1 403 Forbidden'],
	])('says IDPRejectedClaim for a %s refusal, quoting the status', async (_case, reply, said) => {
		const fake = await startTokenInfo(() => reply);
		try {
			useTokenInfo(fake.url);
			const failure = await stsFailure(assumeWithAccessToken(sandbox, 'Atza|fake'));
			expect(failure).toEqual({
				...REJECTED,
				message: `www.amazon.com: www.amazon.com responded with ${said}`,
			});
		} finally {
			await fake.close();
		}
	});

	it.each([
		['a server error', () => ({ status: 500, body: '{"error":"server_error"}' })],
		['throttling', () => ({ status: 429, body: '' })],
		[
			'a redirect',
			() => ({ status: 302, body: '', headers: { location: 'http://169.254.169.254/' } }),
		],
		['JSON that is not token information', () => ({ status: 200, body: '{"active":true}' })],
		['a user_id that is not a string', () => ({ status: 200, body: validInfo({ user_id: 42 }) })],
		['not JSON', () => ({ status: 200, body: '<html>' })],
		['an answer of 100 KB', () => ({ status: 200, body: `{"pad":"${'p'.repeat(100_000)}"}` })],
	])('says IDPCommunicationError for %s', async (_case, reply) => {
		const fake = await startTokenInfo(reply);
		try {
			useTokenInfo(fake.url);
			expect(await stsFailure(assumeWithAccessToken(sandbox, 'Atza|fake'))).toEqual(UNREACHABLE);
		} finally {
			await fake.close();
		}
	});

	it('says IDPCommunicationError when the provider cannot be reached', async () => {
		const fake = await startTokenInfo(() => ({ status: 200, body: validInfo() }));
		await fake.close();
		useTokenInfo(fake.url);
		expect(await stsFailure(assumeWithAccessToken(sandbox, 'Atza|x'))).toEqual(UNREACHABLE);
	});

	it('stops waiting for a provider that never answers, and says IDPCommunicationError', async () => {
		const fake = await startTokenInfo(() => null);
		try {
			useTokenInfo(fake.url, 300);
			expect(await stsFailure(assumeWithAccessToken(sandbox, 'Atza|x'))).toEqual(UNREACHABLE);
			expect(fake.received).toHaveLength(1);
		} finally {
			await fake.close();
		}
	});
});

describe('a Login with Amazon session reaches its own data by ${www.amazon.com:user_id}', () => {
	let player: PlayerClients;
	let userId: string;
	const Bucket = 'fedplay-game-data';

	beforeAll(async () => {
		const answer = await assumeWithAccessToken(sandbox, sandbox.amazon.issueAccessToken('carol'));
		player = clientsFor(sandbox, asPlayerCredentials(answer.Credentials!));
		userId = answer.SubjectFromWebIdentityToken!;
	});

	afterAll(() => destroyClients(player));

	it('writes and reads players/amazon/<user_id>/ and the partition amazon/<user_id>', async () => {
		const Key = `players/amazon/${userId}/profile.json`;
		await player.s3.send(new PutObjectCommand({ Bucket, Key, Body: '{"name":"Carol"}' }));
		const got = await player.s3.send(new GetObjectCommand({ Bucket, Key }));
		expect(await got.Body!.transformToString()).toBe('{"name":"Carol"}');
		const Item = { UserId: `amazon/${userId}`, GameTitle: 'Token Rush', TopScore: 7 };
		await player.doc.send(new PutCommand({ TableName: 'GameScores', Item }));
		const read = await player.doc.send(
			new GetCommand({
				TableName: 'GameScores',
				Key: { UserId: Item.UserId, GameTitle: 'Token Rush' },
			}),
		);
		expect(read.Item).toEqual(Item);
	});

	it('reads the leaderboard through its public attributes', async () => {
		const board = await player.doc.send(
			new QueryCommand({
				TableName: 'GameScores',
				IndexName: 'GameTitleIndex',
				KeyConditionExpression: 'GameTitle = :g',
				ExpressionAttributeValues: { ':g': 'Token Rush' },
				Select: 'SPECIFIC_ATTRIBUTES',
				ProjectionExpression: 'GameTitle, TopScore',
			}),
		);
		expect(board.Items).toContainEqual({ GameTitle: 'Token Rush', TopScore: 7 });
	});

	it('reaches no team board: an access token carries no team tag, and the role grants none', async () => {
		for (const Key of ['teams/blue/board.json', 'teams/red/board.json']) {
			expect(await failureOf(player.s3.send(new GetObjectCommand({ Bucket, Key })))).toMatchObject({
				name: 'AccessDenied',
				status: 403,
			});
		}
	});

	it('is refused a folder outside its own, the player name in place of the user id included', async () => {
		for (const Key of [
			'players/amazon/carol/profile.json',
			`players/oidc1/${userId}/profile.json`,
			`players/amazon/${userId}x/profile.json`,
		]) {
			expect(
				await failureOf(player.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }))),
			).toMatchObject({
				name: 'AccessDenied',
			});
		}
	});
});

// A token information server whose answers the test decides (`null`: never answer).
interface FakeTokenInfo {
	url: string;
	received: string[];
	close(): Promise<void>;
}

type Reply = { status: number; body: string; headers?: Record<string, string> } | null;

async function startTokenInfo(reply: () => Reply): Promise<FakeTokenInfo> {
	const received: string[] = [];
	const server: Server = createServer((req, res) => {
		received.push(new URL(req.url ?? '/', 'http://x').searchParams.get('access_token') ?? '');
		const answer = reply();
		if (answer === null) return;
		res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
		res.end(answer.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://localhost:${(server.address() as AddressInfo).port}/auth/o2/tokeninfo`;
	return {
		url,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function useTokenInfo(tokenInfoUrl: string, timeoutMs = 5_000): void {
	sandbox.oauthProviders.set(AMAZON_PROVIDER_ID, { tokenInfoUrl, timeoutMs });
}

/** A token information answer for the sandbox's Fedplay app, with `change` applied. */
function validInfo(change: Record<string, unknown> = {}): string {
	return JSON.stringify({
		iss: 'https://www.amazon.com',
		user_id: 'amzn1.account.FAKEFAKEFAKE',
		aud: sandbox.amazon.app.clientId,
		app_id: sandbox.amazon.app.appId,
		exp: 3000,
		iat: Math.floor(Date.now() / 1000),
		...change,
	});
}
