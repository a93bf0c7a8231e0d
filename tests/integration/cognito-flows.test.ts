/**
 * Both Cognito flows, guests, linking and merging, driven with the real `@aws-sdk/client-cognito-identity`
 * against the sandbox: identities stable per login, credentials from the sandbox's own STS under the pool's
 * roles, OpenID tokens that are real JWTs with Cognito's claims, a guest signing in keeping its identity (link)
 * or giving it up to the player's (merge, the guest identity refused afterwards), and Cognito's scope-down of a
 * guest's enhanced-flow session.
 */
import {
	DescribeIdentityCommand,
	GetCredentialsForIdentityCommand,
	GetOpenIdTokenCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	UnlinkIdentityCommand,
	type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
	AssumeRoleWithWebIdentityCommand,
	DecodeAuthorizationMessageCommand,
	GetCallerIdentityCommand,
	STSClient,
} from '@aws-sdk/client-sts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	basicFlow,
	claimsOf,
	cognitoClient,
	developerClient,
	enhancedFlow,
	getId,
	headerOf,
	loginsFor,
	loginsKeyOf,
	newGuest,
	poolOf,
	signInThroughPool,
	type CognitoSession,
} from './cognito-clients';
import { clientsFor, destroyClients, failureOf, startTestSandbox } from './gateway-clients';
import { signedSts, stsFailure } from './sts-clients';

let sandbox: Sandbox;
let cognito: CognitoIdentityClient;
let developer: CognitoIdentityClient;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	cognito = cognitoClient(sandbox);
	developer = developerClient(sandbox);
});

afterAll(async () => {
	cognito?.destroy();
	developer?.destroy();
	await sandbox?.close();
});

const bucket = 'fedplay-game-data';
const table = 'GameScores';
const prefixOf = (identityId: string) => `players/cognito/${identityId}/`;

/** Who the credentials say they are (sts:GetCallerIdentity needs no permission). */
async function callerArn(session: CognitoSession): Promise<string> {
	const sts = signedSts(sandbox, session.credentials);
	try {
		return (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
	} finally {
		sts.destroy();
	}
}

/** Writes and reads back the profile under the session's own identity. */
async function ownProfileRoundTrip(session: CognitoSession, text: string): Promise<string> {
	const clients = clientsFor(sandbox, session.credentials);
	try {
		const Key = `${prefixOf(session.identityId)}profile.json`;
		await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: text }));
		const read = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
		return read.Body!.transformToString();
	} finally {
		destroyClients(clients);
	}
}

describe('the enhanced flow: GetId → GetCredentialsForIdentity', () => {
	it('finds the same identity for the same login, another for another player', async () => {
		const alice1 = await getId(cognito, sandbox, await loginsFor(sandbox, 'alice'));
		const alice2 = await getId(cognito, sandbox, await loginsFor(sandbox, 'alice'));
		const bob = await getId(cognito, sandbox, await loginsFor(sandbox, 'bob'));
		expect(alice1).toBe(alice2);
		expect(bob).not.toBe(alice1);
		expect(alice1).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
	});

	it('issues an hour of credentials under the pool’s player role, session CognitoIdentityCredentials', async () => {
		const alice = await signInThroughPool(sandbox, cognito, 'alice');
		expect(await callerArn(alice)).toBe(
			'arn:aws:sts::123456789012:assumed-role/fedplay-cognito-player/CognitoIdentityCredentials',
		);
		const left = alice.credentials.expiration.getTime() - sandbox.clock.now();
		expect(left).toBeGreaterThan(3590_000);
		expect(left).toBeLessThanOrEqual(3600_000);
		expect(await ownProfileRoundTrip(alice, '{"name":"alice"}')).toBe('{"name":"alice"}');
	});

	it('keys the identity’s data by its identity id: UserId cognito/<identity id>', async () => {
		const bob = await signInThroughPool(sandbox, cognito, 'bob');
		const clients = clientsFor(sandbox, bob.credentials);
		try {
			const Key = { UserId: `cognito/${bob.identityId}`, GameTitle: 'TokenRush' };
			await clients.doc.send(new PutCommand({ TableName: table, Item: { ...Key, TopScore: 7 } }));
			const read = await clients.doc.send(new GetCommand({ TableName: table, Key }));
			expect(read.Item).toEqual({ ...Key, TopScore: 7 });
		} finally {
			destroyClients(clients);
		}
	});

	it('refuses GetCredentialsForIdentity for a signed-in identity without its login', async () => {
		const alice = await getId(cognito, sandbox, await loginsFor(sandbox, 'alice'));
		expect(await failureOf(enhancedFlow(cognito, alice))).toEqual({
			name: 'NotAuthorizedException',
			status: 400,
			message:
				"Logins don't match. Please include at least one valid login for this identity or identity pool.",
		});
	});
});

describe('the basic flow: GetId → GetOpenIdToken → AssumeRoleWithWebIdentity', () => {
	it('returns a real RS512 JWT with Cognito’s claims, valid 10 minutes', async () => {
		const logins = await loginsFor(sandbox, 'carol');
		const identityId = await getId(cognito, sandbox, logins);
		const answer = await cognito.send(
			new GetOpenIdTokenCommand({ IdentityId: identityId, Logins: logins }),
		);
		expect(answer.IdentityId).toBe(identityId);
		const header = headerOf(answer.Token!);
		const claims = claimsOf(answer.Token!);
		expect(header).toMatchObject({ alg: 'RS512', typ: 'JWS' });
		expect(claims).toMatchObject({
			iss: 'https://cognito-identity.amazonaws.com',
			aud: poolOf(sandbox).id,
			sub: identityId,
			amr: ['authenticated', loginsKeyOf(sandbox)],
		});
		expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(600);
	});

	it('trades the token at STS for the role the app chooses, with the token’s sub as the subject', async () => {
		const logins = await loginsFor(sandbox, 'carol');
		const identityId = await getId(cognito, sandbox, logins);
		const carol = await basicFlow(
			sandbox,
			cognito,
			identityId,
			poolOf(sandbox).roles.authenticated!,
			logins,
		);
		expect(await callerArn(carol)).toBe(
			'arn:aws:sts::123456789012:assumed-role/fedplay-cognito-player/fedplay-cognito',
		);
		expect(await ownProfileRoundTrip(carol, 'carol')).toBe('carol');
		const sts = new STSClient({
			region: 'us-east-1',
			endpoint: sandbox.awsEndpoint,
			maxAttempts: 1,
		});
		try {
			const again = await sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: poolOf(sandbox).roles.authenticated,
					RoleSessionName: 'fedplay-cognito',
					WebIdentityToken: carol.token,
				}),
			);
			expect(again.SubjectFromWebIdentityToken).toBe(identityId);
			expect(again.Audience).toBe(poolOf(sandbox).id);
			expect(again.Provider).toBe('https://cognito-identity.amazonaws.com');
		} finally {
			sts.destroy();
		}
	});

	it('is refused by the player role’s trust for a guest’s token (amr unauthenticated)', async () => {
		const guestId = await getId(cognito, sandbox);
		const attempt = basicFlow(sandbox, cognito, guestId, poolOf(sandbox).roles.authenticated!);
		expect(await stsFailure(attempt)).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
		});
	});
});

describe('guests', () => {
	it('get a new identity each time and the guest role, in both flows', async () => {
		const one = await newGuest(sandbox, cognito);
		const two = await newGuest(sandbox, cognito);
		expect(one.identityId).not.toBe(two.identityId);
		expect(await callerArn(one)).toBe(
			'arn:aws:sts::123456789012:assumed-role/fedplay-cognito-guest/CognitoIdentityCredentials',
		);
		const basic = await basicFlow(
			sandbox,
			cognito,
			two.identityId,
			poolOf(sandbox).roles.unauthenticated!,
		);
		expect(claimsOf(basic.token)['amr']).toEqual(['unauthenticated']);
		expect(await callerArn(basic)).toBe(
			'arn:aws:sts::123456789012:assumed-role/fedplay-cognito-guest/fedplay-cognito',
		);
		expect(await ownProfileRoundTrip(one, 'guest one')).toBe('guest one');
		expect(await ownProfileRoundTrip(basic, 'guest two')).toBe('guest two');
	});

	it('are scoped down by Cognito in the enhanced flow (no STS there), not in the basic flow', async () => {
		const enhanced = await newGuest(sandbox, cognito);
		const basic = await basicFlow(
			sandbox,
			cognito,
			await getId(cognito, sandbox),
			poolOf(sandbox).roles.unauthenticated!,
		);
		const decode = (session: CognitoSession) => {
			const sts = signedSts(sandbox, session.credentials);
			return sts
				.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not-a-message' }))
				.finally(() => sts.destroy());
		};
		expect(await stsFailure(decode(enhanced))).toEqual({
			code: 'AccessDenied',
			status: 403,
			message: `User: arn:aws:sts::123456789012:assumed-role/fedplay-cognito-guest/CognitoIdentityCredentials is not authorized to perform: sts:DecodeAuthorizationMessage because no session policy allows the sts:DecodeAuthorizationMessage action`,
		});
		// Allowed by the guest role: the message itself is what is wrong.
		expect((await stsFailure(decode(basic))).code).toBe('InvalidAuthorizationMessageException');
	});
});

describe('a guest who signs in', () => {
	it('keeps its identity when the login belongs to no identity yet (link): the data stays', async () => {
		const guest = await newGuest(sandbox, cognito);
		await ownProfileRoundTrip(guest, 'progress made as a guest');
		// dave has never signed in: his login is new to the pool.
		const logins = await loginsFor(sandbox, 'alice', { sub: 'dave' });
		const signedIn = await enhancedFlow(cognito, guest.identityId, logins);
		expect(signedIn.identityId).toBe(guest.identityId);
		expect(await callerArn(signedIn)).toContain('assumed-role/fedplay-cognito-player/');
		expect(await ownProfileRoundTrip(signedIn, 'progress made as a guest')).toBe(
			'progress made as a guest',
		);
		expect(await getId(cognito, sandbox, logins)).toBe(guest.identityId);
		const described = await developer.send(
			new DescribeIdentityCommand({ IdentityId: guest.identityId }),
		);
		expect(described.Logins).toEqual([loginsKeyOf(sandbox)]);
		// A linked identity is no guest any more: without its login it gets nothing.
		expect((await failureOf(enhancedFlow(cognito, guest.identityId))).name).toBe(
			'NotAuthorizedException',
		);
	});

	it('gives way to the player’s identity when the login already has one (merge); the guest is refused after', async () => {
		const logins = await loginsFor(sandbox, 'alice', { sub: 'erin' });
		const player = await getId(cognito, sandbox, logins);
		const guest = await newGuest(sandbox, cognito);
		const merged = await enhancedFlow(cognito, guest.identityId, logins);
		expect(merged.identityId).toBe(player);
		expect(await callerArn(merged)).toContain('assumed-role/fedplay-cognito-player/');
		const forbidden = {
			name: 'NotAuthorizedException',
			status: 400,
			message: `Access to Identity '${guest.identityId}' is forbidden.`,
		};
		expect(await failureOf(enhancedFlow(cognito, guest.identityId))).toEqual(forbidden);
		expect(await failureOf(enhancedFlow(cognito, guest.identityId, logins))).toEqual(forbidden);
		const openIdToken = cognito.send(new GetOpenIdTokenCommand({ IdentityId: guest.identityId }));
		expect(await failureOf(openIdToken)).toEqual(forbidden);
		// The guest's credentials issued before the merge still work until they expire, as STS's always do.
		expect(await ownProfileRoundTrip(guest, 'snapshot')).toBe('snapshot');
	});

	it('merges through GetOpenIdToken too, which returns the player’s identity id', async () => {
		const logins = await loginsFor(sandbox, 'alice', { sub: 'frank' });
		const player = await getId(cognito, sandbox, logins);
		const guest = await getId(cognito, sandbox);
		const answer = await cognito.send(
			new GetOpenIdTokenCommand({ IdentityId: guest, Logins: logins }),
		);
		expect(answer.IdentityId).toBe(player);
		expect(claimsOf(answer.Token!)['sub']).toBe(player);
	});
});

describe('developer authenticated identities and UnlinkIdentity', () => {
	it('lets the developer’s OpenID token prove the identity to GetCredentialsForIdentity', async () => {
		const pool = poolOf(sandbox);
		const answer = await developer.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: pool.id,
				Logins: { [pool.developerProviderName!]: 'user-42' },
			}),
		);
		const credentials = await cognito.send(
			new GetCredentialsForIdentityCommand({
				IdentityId: answer.IdentityId,
				Logins: { 'cognito-identity.amazonaws.com': answer.Token! },
			}),
		);
		expect(credentials.IdentityId).toBe(answer.IdentityId);
		// Another identity's token proves nothing about this one.
		const other = await getId(cognito, sandbox, await loginsFor(sandbox, 'bob'));
		expect(
			await failureOf(
				cognito.send(
					new GetCredentialsForIdentityCommand({
						IdentityId: other,
						Logins: { 'cognito-identity.amazonaws.com': answer.Token! },
					}),
				),
			),
		).toMatchObject({ name: 'NotAuthorizedException' });
	});

	it('unlinks the last login: the identity is inaccessible, and the login next gets a new identity', async () => {
		const logins = await loginsFor(sandbox, 'alice', { sub: 'grace' });
		const identityId = await getId(cognito, sandbox, logins);
		await cognito.send(
			new UnlinkIdentityCommand({
				IdentityId: identityId,
				Logins: logins,
				LoginsToRemove: [loginsKeyOf(sandbox)],
			}),
		);
		expect((await failureOf(enhancedFlow(cognito, identityId, logins))).message).toBe(
			`Access to Identity '${identityId}' is forbidden.`,
		);
		const again = await getId(cognito, sandbox, logins);
		expect(again).not.toBe(identityId);
	});
});
