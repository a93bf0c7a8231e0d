/**
 * Isolation through the identity pool (LAYOUT.md: segment `cognito`, `players/cognito/<identity id>/`,
 * `UserId = cognito/<identity id>`): identity A never reaches identity B's data, a guest never reaches a
 * player's, nor the other way round, whichever flow issued the credentials, through every S3 and DynamoDB
 * operation the roles grant; and a guest's writes can never put an item on the leaderboard (the sparse index
 * GameTitleIndex: guests write GuestTopScore, never TopScore) until the guest signs in.
 */
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
	BatchGetCommand,
	BatchWriteCommand,
	DeleteCommand,
	GetCommand,
	PutCommand,
	QueryCommand,
	TransactWriteCommand,
	UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	basicFlow,
	cognitoClient,
	enhancedFlow,
	getId,
	loginsFor,
	newGuest,
	poolOf,
	signInThroughPool,
	type CognitoSession,
} from './cognito-clients';
import {
	assumePlayerRole,
	clientsFor,
	destroyClients,
	failureOf,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';

const Bucket = 'fedplay-game-data';
const TableName = 'GameScores';
const GAME = 'TokenRush';

interface Someone {
	name: string;
	/** `players/<segment>/<identity>/` */
	prefix: string;
	/** `<segment>/<identity>` */
	partition: string;
	clients: PlayerClients;
}

let sandbox: Sandbox;
let cognito: CognitoIdentityClient;
const people: Record<string, Someone> = {};

function cognitoPerson(name: string, session: CognitoSession): Someone {
	return {
		name,
		prefix: `players/cognito/${session.identityId}/`,
		partition: `cognito/${session.identityId}`,
		clients: clientsFor(sandbox, session.credentials),
	};
}

beforeAll(async () => {
	sandbox = await startTestSandbox();
	cognito = cognitoClient(sandbox);
	const pool = poolOf(sandbox);
	const bobLogins = await loginsFor(sandbox, 'bob');
	const bobId = await getId(cognito, sandbox, bobLogins);
	const guestH = await getId(cognito, sandbox);
	people['alice'] = cognitoPerson(
		'alice (enhanced flow)',
		await signInThroughPool(sandbox, cognito, 'alice'),
	);
	people['bob'] = cognitoPerson(
		'bob (basic flow)',
		await basicFlow(sandbox, cognito, bobId, pool.roles.authenticated!, bobLogins),
	);
	people['guestG'] = cognitoPerson('guest G (enhanced flow)', await newGuest(sandbox, cognito));
	people['guestH'] = cognitoPerson(
		'guest H (basic flow)',
		await basicFlow(sandbox, cognito, guestH, pool.roles.unauthenticated!),
	);
	people['directAlice'] = {
		name: 'alice signed in directly (oidc1)',
		prefix: 'players/oidc1/alice/',
		partition: 'oidc1/alice',
		clients: clientsFor(sandbox, await assumePlayerRole(sandbox, 'alice')),
	};
	// Each one's own data, written with their own credentials.
	for (const person of Object.values(people)) {
		const { s3, doc } = person.clients;
		await s3.send(
			new PutObjectCommand({ Bucket, Key: `${person.prefix}profile.json`, Body: person.name }),
		);
		const guest = person.name.startsWith('guest');
		await doc.send(
			new PutCommand({
				TableName,
				Item: {
					UserId: person.partition,
					GameTitle: GAME,
					DisplayName: person.name,
					...(guest ? { GuestTopScore: 50 } : { TopScore: 10 }),
				},
			}),
		);
	}
});

afterAll(async () => {
	for (const person of Object.values(people)) destroyClients(person.clients);
	cognito?.destroy();
	await sandbox?.close();
});

/** Every S3 call a role grants, aimed at `owner`'s folder. */
function s3Calls(caller: Someone, owner: Someone) {
	const { s3 } = caller.clients;
	const Key = `${owner.prefix}profile.json`;
	return {
		GetObject: () => s3.send(new GetObjectCommand({ Bucket, Key })),
		HeadObject: () => s3.send(new HeadObjectCommand({ Bucket, Key })),
		PutObject: () => s3.send(new PutObjectCommand({ Bucket, Key, Body: 'overwritten' })),
		DeleteObject: () => s3.send(new DeleteObjectCommand({ Bucket, Key })),
		ListObjectsV2: () => s3.send(new ListObjectsV2Command({ Bucket, Prefix: owner.prefix })),
		'ListObjectsV2 (no slash)': () =>
			s3.send(new ListObjectsV2Command({ Bucket, Prefix: owner.prefix.slice(0, -1) })),
	};
}

/** Every DynamoDB call a role grants, aimed at `owner`'s partition (batches mixing in the caller's own). */
function dynamoDBCalls(caller: Someone, owner: Someone) {
	const { doc } = caller.clients;
	const theirs = { UserId: owner.partition, GameTitle: GAME };
	const mine = { UserId: caller.partition, GameTitle: GAME };
	return {
		GetItem: () => doc.send(new GetCommand({ TableName, Key: theirs })),
		Query: () =>
			doc.send(
				new QueryCommand({
					TableName,
					KeyConditionExpression: 'UserId = :u',
					ExpressionAttributeValues: { ':u': owner.partition },
				}),
			),
		PutItem: () => doc.send(new PutCommand({ TableName, Item: { ...theirs, Wins: 1 } })),
		UpdateItem: () =>
			doc.send(
				new UpdateCommand({
					TableName,
					Key: theirs,
					UpdateExpression: 'ADD Wins :one',
					ExpressionAttributeValues: { ':one': 1 },
				}),
			),
		DeleteItem: () => doc.send(new DeleteCommand({ TableName, Key: theirs })),
		BatchGetItem: () =>
			doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [mine, theirs] } } })),
		BatchWriteItem: () =>
			doc.send(
				new BatchWriteCommand({
					RequestItems: { [TableName]: [{ DeleteRequest: { Key: theirs } }] },
				}),
			),
		TransactWriteItems: () =>
			doc.send(
				new TransactWriteCommand({
					TransactItems: [
						{
							ConditionCheck: {
								TableName,
								Key: mine,
								ConditionExpression: 'attribute_exists(UserId)',
							},
						},
						{ Delete: { TableName, Key: theirs } },
					],
				}),
			),
	};
}

const pairs: [string, string][] = [
	['alice', 'bob'],
	['bob', 'alice'],
	['guestG', 'guestH'],
	['guestH', 'guestG'],
	['guestG', 'alice'],
	['guestH', 'bob'],
	['alice', 'guestG'],
	['bob', 'guestH'],
	['directAlice', 'alice'],
	['alice', 'directAlice'],
	['guestG', 'directAlice'],
];

describe.each(pairs)('%s against %s', (callerKey, ownerKey) => {
	it('is denied every S3 operation on the other’s folder', async () => {
		const caller = people[callerKey]!;
		for (const [name, send] of Object.entries(s3Calls(caller, people[ownerKey]!))) {
			const failure = await failureOf(send());
			// S3 answers HEAD with a status and no body, so the SDK has no error code to read.
			const code = name === 'HeadObject' ? 'none (HEAD)' : failure.name;
			expect({ name, code, status: failure.status }).toEqual({
				name,
				code: name === 'HeadObject' ? 'none (HEAD)' : 'AccessDenied',
				status: 403,
			});
		}
	});

	it('is denied every DynamoDB operation on the other’s partition', async () => {
		const caller = people[callerKey]!;
		for (const [name, send] of Object.entries(dynamoDBCalls(caller, people[ownerKey]!))) {
			const failure = await failureOf(send());
			expect({ name, code: failure.name, status: failure.status }).toEqual({
				name,
				code: 'AccessDeniedException',
				status: 400,
			});
		}
	});
});

describe('each one’s own data', () => {
	it.each(Object.keys({ alice: 1, bob: 1, guestG: 1, guestH: 1, directAlice: 1 }))(
		'%s reads back exactly what they wrote, untouched by the others',
		async (key) => {
			const person = people[key]!;
			const { s3, doc } = person.clients;
			const body = await s3.send(
				new GetObjectCommand({ Bucket, Key: `${person.prefix}profile.json` }),
			);
			expect(await body.Body!.transformToString()).toBe(person.name);
			const item = await doc.send(
				new GetCommand({ TableName, Key: { UserId: person.partition, GameTitle: GAME } }),
			);
			expect(item.Item?.['DisplayName']).toBe(person.name);
			expect(item.Item?.['Wins']).toBeUndefined();
		},
	);
});

describe('a guest’s runs stay off the leaderboard', () => {
	const leaderboard = async (who: Someone) =>
		(
			await who.clients.doc.send(
				new QueryCommand({
					TableName,
					IndexName: 'GameTitleIndex',
					KeyConditionExpression: 'GameTitle = :g',
					ExpressionAttributeValues: { ':g': GAME },
					ProjectionExpression: 'DisplayName, TopScore',
					ScanIndexForward: false,
				}),
			)
		).Items ?? [];

	it('every identity sees the players on it and no guest, guests included', async () => {
		for (const key of ['alice', 'guestG', 'guestH']) {
			const names = (await leaderboard(people[key]!)).map((item) => item['DisplayName']);
			expect(names.sort()).toEqual(
				['alice (enhanced flow)', 'bob (basic flow)', 'alice signed in directly (oidc1)'].sort(),
			);
		}
	});

	it.each(['guestG', 'guestH'])('%s cannot write TopScore, however it names it', async (key) => {
		const guest = people[key]!;
		const { doc } = guest.clients;
		const own = { UserId: guest.partition, GameTitle: GAME };
		const run = { UserId: guest.partition, GameTitle: `${GAME}#run#x` };
		const attempts = {
			PutItem: () => doc.send(new PutCommand({ TableName, Item: { ...own, TopScore: 999 } })),
			'PutItem (a run item)': () =>
				doc.send(new PutCommand({ TableName, Item: { ...run, TopScore: 1 } })),
			'UpdateItem SET': () =>
				doc.send(
					new UpdateCommand({
						TableName,
						Key: own,
						UpdateExpression: 'SET TopScore = :s',
						ExpressionAttributeValues: { ':s': 999 },
					}),
				),
			'UpdateItem SET #alias': () =>
				doc.send(
					new UpdateCommand({
						TableName,
						Key: own,
						UpdateExpression: 'SET #t = :s',
						ExpressionAttributeNames: { '#t': 'TopScore' },
						ExpressionAttributeValues: { ':s': 999 },
					}),
				),
			'UpdateItem ADD': () =>
				doc.send(
					new UpdateCommand({
						TableName,
						Key: own,
						UpdateExpression: 'ADD TopScore :s',
						ExpressionAttributeValues: { ':s': 999 },
					}),
				),
			BatchWriteItem: () =>
				doc.send(
					new BatchWriteCommand({
						RequestItems: { [TableName]: [{ PutRequest: { Item: { ...own, TopScore: 999 } } }] },
					}),
				),
			TransactWriteItems: () =>
				doc.send(
					new TransactWriteCommand({
						TransactItems: [{ Put: { TableName, Item: { ...own, TopScore: 999 } } }],
					}),
				),
		};
		for (const [name, send] of Object.entries(attempts)) {
			const failure = await failureOf(send());
			expect({ name, code: failure.name }).toEqual({ name, code: 'AccessDeniedException' });
			expect(failure.message).toContain('because no identity-based policy allows the dynamodb:');
		}
		const item = await doc.send(new GetCommand({ TableName, Key: own }));
		expect(item.Item).not.toHaveProperty('TopScore');
	});

	it('a guest records runs the way the game does, with GuestTopScore', async () => {
		const guest = people['guestG']!;
		const { doc } = guest.clients;
		const summary = { UserId: guest.partition, GameTitle: GAME };
		await doc.send(
			new TransactWriteCommand({
				TransactItems: [
					{
						Put: {
							TableName,
							Item: {
								UserId: guest.partition,
								GameTitle: `${GAME}#run#2026-01-01T00:00:00Z#r1`,
								RunId: 'r1',
								Score: 70,
								PlayedAt: '2026-01-01T00:00:00Z',
								DurationMs: 1000,
								Won: true,
							},
							ConditionExpression: 'attribute_not_exists(GameTitle)',
						},
					},
					{
						Update: {
							TableName,
							Key: summary,
							UpdateExpression: 'ADD Runs :one, Wins :one SET DisplayName = :n',
							ExpressionAttributeValues: { ':one': 1, ':n': guest.name },
						},
					},
				],
			}),
		);
		await doc.send(
			new UpdateCommand({
				TableName,
				Key: summary,
				UpdateExpression: 'SET GuestTopScore = :s, GuestTopScoreDateTime = :t',
				ConditionExpression: 'attribute_not_exists(GuestTopScore) OR GuestTopScore < :s',
				ExpressionAttributeValues: { ':s': 70, ':t': '2026-01-01T00:00:00Z' },
			}),
		);
		const item = (await doc.send(new GetCommand({ TableName, Key: summary }))).Item;
		expect(item).toMatchObject({ Runs: 1, Wins: 1, GuestTopScore: 70 });
		expect((await leaderboard(guest)).map((i) => i['DisplayName'])).not.toContain(guest.name);
	});

	it('once signed in (linked, same identity), the player role puts the guest’s best on the board', async () => {
		const guest = await newGuest(sandbox, cognito);
		const asGuest = clientsFor(sandbox, guest.credentials);
		const summary = { UserId: `cognito/${guest.identityId}`, GameTitle: GAME };
		try {
			await asGuest.doc.send(
				new PutCommand({ TableName, Item: { ...summary, DisplayName: 'ivy', GuestTopScore: 321 } }),
			);
			const logins = await loginsFor(sandbox, 'alice', { sub: 'ivy' });
			const player = await enhancedFlow(cognito, guest.identityId, logins);
			expect(player.identityId).toBe(guest.identityId);
			const asPlayer = clientsFor(sandbox, player.credentials);
			try {
				await asPlayer.doc.send(
					new UpdateCommand({
						TableName,
						Key: summary,
						UpdateExpression: 'SET TopScore = GuestTopScore',
					}),
				);
				const board = await leaderboard(people['alice']!);
				expect(board).toContainEqual({ DisplayName: 'ivy', TopScore: 321 });
			} finally {
				destroyClients(asPlayer);
			}
		} finally {
			destroyClients(asGuest);
		}
	});
});
