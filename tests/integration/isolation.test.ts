/**
 * The isolation matrix: alice and bob, each with the player role's credentials, through the real SDK clients.
 * Every operation on one's own data is allowed; on the other's it is denied with AWS's code, HTTP status
 * and message, including the escape attempts a curious player would try.
 */
import {
	CopyObjectCommand,
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
	ExecuteStatementCommand,
	GetCommand,
	PutCommand,
	QueryCommand,
	ScanCommand,
	TransactGetCommand,
	TransactWriteCommand,
	UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import {
	destroyClients,
	failureOf,
	playerClients,
	startTestSandbox,
	type PlayerClients,
} from './gateway-clients';
import { signedS3Request } from './gateway-raw';

const Bucket = 'fedplay-game-data';
const TableName = 'GameScores';
const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores';
const indexArn = `${tableArn}/index/GameTitleIndex`;

let sandbox: Sandbox;
let alice: PlayerClients;
let bob: PlayerClients;

function user(player: string): string {
	return `User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-${player}`;
}
function s3Denied(action: string, resource: string, player = 'alice') {
	return {
		name: 'AccessDenied',
		status: 403,
		message: `${user(player)} is not authorized to perform: ${action} on resource: "${resource}" because no identity-based policy allows the ${action} action`,
	};
}
function ddbDenied(action: string, resource: string, player = 'alice') {
	return {
		name: 'AccessDeniedException',
		status: 400,
		message: `${user(player)} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
	};
}
const obj = (key: string) => `arn:aws:s3:::${Bucket}/${key}`;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	[alice, bob] = await Promise.all([
		playerClients(sandbox, 'alice'),
		playerClients(sandbox, 'bob'),
	]);
	for (const [player, clients] of [
		['alice', alice],
		['bob', bob],
	] as const) {
		await clients.s3.send(
			new PutObjectCommand({
				Bucket,
				Key: `players/oidc1/${player}/profile.json`,
				Body: `{"name":"${player}"}`,
				ContentType: 'application/json',
			}),
		);
		for (const GameTitle of ['Meteor', 'Comet']) {
			await clients.doc.send(
				new PutCommand({
					TableName,
					Item: {
						UserId: `oidc1/${player}`,
						GameTitle,
						TopScore: player === 'alice' ? 10 : 20,
						DisplayName: player,
						Wins: 1,
					},
				}),
			);
		}
	}
});

afterAll(async () => {
	destroyClients(alice, bob);
	await sandbox?.close();
});

describe('S3: own data is allowed', () => {
	it('reads her own profile with its ETag and content type', async () => {
		const got = await alice.s3.send(
			new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json' }),
		);
		expect(await got.Body!.transformToString()).toBe('{"name":"alice"}');
		expect(got.ETag).toMatch(/^"[0-9a-f]{32}"$/);
		expect(got.ContentType).toBe('application/json');
	});

	it('heads, overwrites, lists and deletes her own objects', async () => {
		await alice.s3.send(
			new PutObjectCommand({ Bucket, Key: 'players/oidc1/alice/saves/1.json', Body: 'save' }),
		);
		const head = await alice.s3.send(
			new HeadObjectCommand({ Bucket, Key: 'players/oidc1/alice/saves/1.json' }),
		);
		expect(head.ContentLength).toBe(4);
		const listed = await alice.s3.send(
			new ListObjectsV2Command({ Bucket, Prefix: 'players/oidc1/alice/' }),
		);
		expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([
			'players/oidc1/alice/profile.json',
			'players/oidc1/alice/saves/1.json',
		]);
		await alice.s3.send(
			new DeleteObjectCommand({ Bucket, Key: 'players/oidc1/alice/saves/1.json' }),
		);
		const after = await alice.s3.send(
			new ListObjectsV2Command({ Bucket, Prefix: 'players/oidc1/alice/saves/', Delimiter: '/' }),
		);
		expect(after.KeyCount).toBe(0);
	});
});

describe('S3: the other player’s data is denied', () => {
	const bobKey = 'players/oidc1/bob/profile.json';
	it.each([
		[
			'GetObject',
			() => alice.s3.send(new GetObjectCommand({ Bucket, Key: bobKey })),
			s3Denied('s3:GetObject', obj(bobKey)),
		],
		[
			'PutObject',
			() => alice.s3.send(new PutObjectCommand({ Bucket, Key: bobKey, Body: 'x' })),
			s3Denied('s3:PutObject', obj(bobKey)),
		],
		[
			'DeleteObject',
			() => alice.s3.send(new DeleteObjectCommand({ Bucket, Key: bobKey })),
			s3Denied('s3:DeleteObject', obj(bobKey)),
		],
		[
			'ListObjectsV2 with his prefix',
			() => alice.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'players/oidc1/bob/' })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'ListObjectsV2 without a prefix',
			() => alice.s3.send(new ListObjectsV2Command({ Bucket })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'ListObjectsV2 with an empty prefix',
			() => alice.s3.send(new ListObjectsV2Command({ Bucket, Prefix: '' })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'ListObjectsV2 of all players',
			() => alice.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'players/' })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'ListObjectsV2 of every player of her provider',
			() => alice.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'players/oidc1/' })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'ListObjectsV2 of her own sub at the other provider',
			() => alice.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'players/oidc2/alice/' })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'GetObject of her profile under the old layout (no segment)',
			() => alice.s3.send(new GetObjectCommand({ Bucket, Key: 'players/alice/profile.json' })),
			s3Denied('s3:GetObject', obj('players/alice/profile.json')),
		],
		[
			'PutObject under her own sub at the other provider',
			() =>
				alice.s3.send(
					new PutObjectCommand({ Bucket, Key: 'players/oidc2/alice/profile.json', Body: 'x' }),
				),
			s3Denied('s3:PutObject', obj('players/oidc2/alice/profile.json')),
		],
		[
			'ListObjectsV2 of "players/oidc1/alice" (would match alicebob)',
			() => alice.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'players/oidc1/alice' })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'ListObjectsV2 of a look-alike prefix',
			() =>
				alice.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'players/oidc1/alice-evil/' })),
			s3Denied('s3:ListBucket', `arn:aws:s3:::${Bucket}`),
		],
		[
			'PutObject under players/oidc1/alice-evil/',
			() =>
				alice.s3.send(
					new PutObjectCommand({ Bucket, Key: 'players/oidc1/alice-evil/x', Body: 'x' }),
				),
			s3Denied('s3:PutObject', obj('players/oidc1/alice-evil/x')),
		],
		[
			'PutObject under players/oidc1/alicebob',
			() =>
				alice.s3.send(new PutObjectCommand({ Bucket, Key: 'players/oidc1/alicebob', Body: 'x' })),
			s3Denied('s3:PutObject', obj('players/oidc1/alicebob')),
		],
		[
			'CopyObject of his object into her folder',
			() =>
				alice.s3.send(
					new CopyObjectCommand({
						Bucket,
						Key: 'players/oidc1/alice/stolen.json',
						CopySource: `${Bucket}/${bobKey}`,
					}),
				),
			{ name: 'AccessDenied', status: 403 },
		],
	])('%s', async (_name, call, expected) => {
		expect(await failureOf(call())).toMatchObject(expected);
	});

	it('HeadObject on his profile answers 403 with no body, as S3 does', async () => {
		expect(
			await failureOf(alice.s3.send(new HeadObjectCommand({ Bucket, Key: bobKey }))),
		).toMatchObject({ status: 403 });
	});

	it('refuses a "../" key that a file system would resolve into his folder, and his profile is untouched', async () => {
		const failure = await failureOf(
			alice.s3.send(
				new PutObjectCommand({
					Bucket,
					Key: 'players/oidc1/alice/../bob/profile.json',
					Body: 'pwned',
				}),
			),
		);
		expect(failure).toMatchObject({ name: 'InvalidArgument', status: 400 });
		const his = await bob.s3.send(new GetObjectCommand({ Bucket, Key: bobKey }));
		expect(await his.Body!.transformToString()).toBe('{"name":"bob"}');
	});

	it.each([
		[
			'PUT',
			'/fedplay-game-data/players/oidc1/alice%2F..%2Fbob/profile.json',
			400,
			'InvalidArgument',
		],
		[
			'PUT',
			'/fedplay-game-data/players/oidc1/alice/%2E%2E/bob/profile.json',
			400,
			'InvalidArgument',
		],
		[
			'GET',
			'/fedplay-game-data/players%2Foidc1%2Fbob%2Fprofile.json',
			403,
			// XML-escaped quotes around the resource, the decoded-once key inside them.
			'is not authorized to perform: s3:GetObject on resource: &quot;arn:aws:s3:::fedplay-game-data/players/oidc1/bob/profile.json&quot;',
		],
	])('raw %s %s → %i', async (method, path, status, text) => {
		const answer = await signedS3Request(
			sandbox.awsEndpoint,
			alice.credentials,
			method,
			path,
			method === 'PUT' ? 'pwned' : '',
		);
		expect(answer.status).toBe(status);
		expect(answer.body).toContain(text);
	});

	it('stores a double-encoded %252F as the literal key "a%2Fb" inside her own folder', async () => {
		const answer = await signedS3Request(
			sandbox.awsEndpoint,
			alice.credentials,
			'PUT',
			'/fedplay-game-data/players/oidc1/alice/a%252Fb',
			'literal',
		);
		expect(answer.status).toBe(200);
		const got = await alice.s3.send(
			new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/a%2Fb' }),
		);
		expect(await got.Body!.transformToString()).toBe('literal');
	});
});

describe('DynamoDB: own items are allowed', () => {
	it('gets, updates, queries and deletes her own items', async () => {
		await alice.doc.send(
			new UpdateCommand({
				TableName,
				Key: { UserId: 'oidc1/alice', GameTitle: 'Meteor' },
				UpdateExpression: 'SET Wins = Wins + :one',
				ExpressionAttributeValues: { ':one': 1 },
			}),
		);
		const got = await alice.doc.send(
			new GetCommand({ TableName, Key: { UserId: 'oidc1/alice', GameTitle: 'Meteor' } }),
		);
		expect(got.Item).toMatchObject({ UserId: 'oidc1/alice', Wins: 2 });
		const mine = await alice.doc.send(
			new QueryCommand({
				TableName,
				KeyConditionExpression: 'UserId = :me',
				ExpressionAttributeValues: { ':me': 'oidc1/alice' },
			}),
		);
		expect(mine.Items?.map((i) => i.GameTitle).sort()).toEqual(['Comet', 'Meteor']);
		await alice.doc.send(
			new PutCommand({ TableName, Item: { UserId: 'oidc1/alice', GameTitle: 'Temp' } }),
		);
		await alice.doc.send(
			new DeleteCommand({ TableName, Key: { UserId: 'oidc1/alice', GameTitle: 'Temp' } }),
		);
		const gone = await alice.doc.send(
			new GetCommand({ TableName, Key: { UserId: 'oidc1/alice', GameTitle: 'Temp' } }),
		);
		expect(gone.Item).toBeUndefined();
	});

	it('batch-reads and batch-writes her own items', async () => {
		await alice.doc.send(
			new BatchWriteCommand({
				RequestItems: {
					[TableName]: [
						{ PutRequest: { Item: { UserId: 'oidc1/alice', GameTitle: 'Nova', TopScore: 3 } } },
					],
				},
			}),
		);
		const got = await alice.doc.send(
			new BatchGetCommand({
				RequestItems: {
					[TableName]: {
						Keys: [
							{ UserId: 'oidc1/alice', GameTitle: 'Nova' },
							{ UserId: 'oidc1/alice', GameTitle: 'Comet' },
						],
					},
				},
			}),
		);
		expect(got.Responses?.[TableName]).toHaveLength(2);
	});

	it('reads the public leaderboard through the index without anyone’s UserId', async () => {
		const board = await alice.doc.send(
			new QueryCommand({
				TableName,
				IndexName: 'GameTitleIndex',
				KeyConditionExpression: 'GameTitle = :g',
				ExpressionAttributeValues: { ':g': 'Meteor' },
				ProjectionExpression: 'GameTitle, TopScore, DisplayName',
				ScanIndexForward: false,
			}),
		);
		expect(board.Items).toEqual([
			{ GameTitle: 'Meteor', TopScore: 20, DisplayName: 'bob' },
			{ GameTitle: 'Meteor', TopScore: 10, DisplayName: 'alice' },
		]);
	});

	it('writes her own items in a transaction (the gateway emulates TransactWriteItems)', async () => {
		await alice.doc.send(
			new TransactWriteCommand({
				TransactItems: [
					{
						ConditionCheck: {
							TableName,
							Key: { UserId: 'oidc1/alice', GameTitle: 'Comet' },
							ConditionExpression: 'attribute_exists(UserId)',
						},
					},
					{ Put: { TableName, Item: { UserId: 'oidc1/alice', GameTitle: 'Quasar', Wins: 9 } } },
				],
			}),
		);
		const got = await alice.doc.send(
			new GetCommand({ TableName, Key: { UserId: 'oidc1/alice', GameTitle: 'Quasar' } }),
		);
		expect(got.Item).toEqual({ UserId: 'oidc1/alice', GameTitle: 'Quasar', Wins: 9 });
	});

	it('reads her own items in a transaction (the gateway emulates TransactGetItems)', async () => {
		const key = { UserId: 'oidc1/alice', GameTitle: 'Quasar' };
		const got = await alice.doc.send(
			new TransactGetCommand({ TransactItems: [{ Get: { TableName, Key: key } }] }),
		);
		expect(got.Responses).toEqual([{ Item: { ...key, Wins: 9 } }]);
	});
});

describe('DynamoDB: the other player’s items are denied', () => {
	const his = { UserId: 'oidc1/bob', GameTitle: 'Meteor' };
	const mine = { UserId: 'oidc1/alice', GameTitle: 'Meteor' };
	it.each([
		[
			'GetItem',
			() => alice.doc.send(new GetCommand({ TableName, Key: his })),
			ddbDenied('dynamodb:GetItem', tableArn),
		],
		[
			'PutItem',
			() => alice.doc.send(new PutCommand({ TableName, Item: { ...his, TopScore: 0 } })),
			ddbDenied('dynamodb:PutItem', tableArn),
		],
		[
			'UpdateItem',
			() =>
				alice.doc.send(
					new UpdateCommand({
						TableName,
						Key: his,
						UpdateExpression: 'SET TopScore = :z',
						ExpressionAttributeValues: { ':z': 0 },
					}),
				),
			ddbDenied('dynamodb:UpdateItem', tableArn),
		],
		[
			'DeleteItem',
			() => alice.doc.send(new DeleteCommand({ TableName, Key: his })),
			ddbDenied('dynamodb:DeleteItem', tableArn),
		],
		[
			'Query on his partition',
			() =>
				alice.doc.send(
					new QueryCommand({
						TableName,
						KeyConditionExpression: 'UserId = :u',
						ExpressionAttributeValues: { ':u': 'oidc1/bob' },
					}),
				),
			ddbDenied('dynamodb:Query', tableArn),
		],
		[
			'GetItem with a look-alike key "alicebob"',
			() =>
				alice.doc.send(
					new GetCommand({ TableName, Key: { UserId: 'oidc1/alicebob', GameTitle: 'Meteor' } }),
				),
			ddbDenied('dynamodb:GetItem', tableArn),
		],
		[
			'PutItem with a key that merely starts with her id',
			() =>
				alice.doc.send(
					new PutCommand({ TableName, Item: { UserId: 'oidc1/alice#bob', GameTitle: 'Meteor' } }),
				),
			ddbDenied('dynamodb:PutItem', tableArn),
		],
		[
			'GetItem of her own sub at the other provider',
			() =>
				alice.doc.send(
					new GetCommand({ TableName, Key: { UserId: 'oidc2/alice', GameTitle: 'Meteor' } }),
				),
			ddbDenied('dynamodb:GetItem', tableArn),
		],
		[
			'PutItem on her partition under the old layout (the bare sub)',
			() =>
				alice.doc.send(new PutCommand({ TableName, Item: { UserId: 'alice', GameTitle: 'M' } })),
			ddbDenied('dynamodb:PutItem', tableArn),
		],
		[
			'PutItem on a partition below hers',
			() =>
				alice.doc.send(
					new PutCommand({ TableName, Item: { UserId: 'oidc1/alice/bob', GameTitle: 'M' } }),
				),
			ddbDenied('dynamodb:PutItem', tableArn),
		],
		[
			'BatchGetItem mixing her key and his',
			() =>
				alice.doc.send(
					new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [mine, his] } } }),
				),
			ddbDenied('dynamodb:BatchGetItem', tableArn),
		],
		[
			'BatchWriteItem mixing her put and his delete',
			() =>
				alice.doc.send(
					new BatchWriteCommand({
						RequestItems: {
							[TableName]: [{ PutRequest: { Item: mine } }, { DeleteRequest: { Key: his } }],
						},
					}),
				),
			ddbDenied('dynamodb:BatchWriteItem', tableArn),
		],
		[
			'TransactGetItems mixing her key and his',
			() =>
				alice.doc.send(
					new TransactGetCommand({
						TransactItems: [{ Get: { TableName, Key: mine } }, { Get: { TableName, Key: his } }],
					}),
				),
			ddbDenied('dynamodb:GetItem', tableArn),
		],
		[
			'TransactWriteItems with a delete of his item',
			() =>
				alice.doc.send(
					new TransactWriteCommand({
						TransactItems: [
							{ Put: { TableName, Item: mine } },
							{ Delete: { TableName, Key: his } },
						],
					}),
				),
			ddbDenied('dynamodb:DeleteItem', tableArn),
		],
		[
			'Scan of the table',
			() => alice.doc.send(new ScanCommand({ TableName })),
			ddbDenied('dynamodb:Scan', tableArn),
		],
		[
			'ExecuteStatement SELECT',
			() =>
				alice.doc.send(
					new ExecuteStatementCommand({
						Statement: `SELECT * FROM "${TableName}" WHERE UserId = 'oidc1/bob'`,
					}),
				),
			ddbDenied('dynamodb:PartiQLSelect', tableArn),
		],
		[
			'ExecuteStatement DELETE',
			() =>
				alice.doc.send(
					new ExecuteStatementCommand({
						Statement: `DELETE FROM "${TableName}" WHERE UserId = 'oidc1/bob' AND GameTitle = 'Meteor'`,
					}),
				),
			ddbDenied('dynamodb:PartiQLDelete', tableArn),
		],
		[
			'DescribeTable',
			() => alice.dynamodb.send(new DescribeTableCommand({ TableName })),
			ddbDenied('dynamodb:DescribeTable', tableArn),
		],
		[
			'Query on the index asking for UserId',
			() =>
				alice.doc.send(
					new QueryCommand({
						TableName,
						IndexName: 'GameTitleIndex',
						KeyConditionExpression: 'GameTitle = :g',
						ExpressionAttributeValues: { ':g': 'Meteor' },
						ProjectionExpression: 'UserId, TopScore',
					}),
				),
			ddbDenied('dynamodb:Query', indexArn),
		],
		[
			'Query on the index with Select ALL_ATTRIBUTES',
			() =>
				alice.doc.send(
					new QueryCommand({
						TableName,
						IndexName: 'GameTitleIndex',
						KeyConditionExpression: 'GameTitle = :g',
						ExpressionAttributeValues: { ':g': 'Meteor' },
						Select: 'ALL_ATTRIBUTES',
					}),
				),
			ddbDenied('dynamodb:Query', indexArn),
		],
		[
			'Query on the index with no projection (all projected attributes include UserId)',
			() =>
				alice.doc.send(
					new QueryCommand({
						TableName,
						IndexName: 'GameTitleIndex',
						KeyConditionExpression: 'GameTitle = :g',
						ExpressionAttributeValues: { ':g': 'Meteor' },
					}),
				),
			ddbDenied('dynamodb:Query', indexArn),
		],
		[
			'Query on the index filtering on UserId',
			() =>
				alice.doc.send(
					new QueryCommand({
						TableName,
						IndexName: 'GameTitleIndex',
						KeyConditionExpression: 'GameTitle = :g',
						FilterExpression: 'UserId = :u',
						ExpressionAttributeValues: { ':g': 'Meteor', ':u': 'oidc1/bob' },
						ProjectionExpression: 'TopScore',
					}),
				),
			ddbDenied('dynamodb:Query', indexArn),
		],
	])('%s', async (_name, call, expected) => {
		expect(await failureOf(call())).toEqual(expected);
	});

	it('refuses a table Query without the partition key as DynamoDB does, never reading other partitions', async () => {
		const failure = await failureOf(
			alice.doc.send(
				new QueryCommand({
					TableName,
					KeyConditionExpression: 'GameTitle = :g',
					ExpressionAttributeValues: { ':g': 'Meteor' },
				}),
			),
		);
		expect(failure).toEqual({
			name: 'ValidationException',
			status: 400,
			message: 'Query condition missed key schema element: UserId',
		});
	});

	it('left his items exactly as he wrote them', async () => {
		const item = await bob.doc.send(new GetCommand({ TableName, Key: his }));
		expect(item.Item).toEqual({
			UserId: 'oidc1/bob',
			GameTitle: 'Meteor',
			TopScore: 20,
			DisplayName: 'bob',
			Wins: 1,
		});
	});
});

describe('a session policy narrows further', () => {
	it('allows what both policies allow and denies PutObject "because no session policy allows" it', async () => {
		const readOnly = await playerClients(sandbox, 'alice', {
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
		});
		try {
			const got = await readOnly.s3.send(
				new GetObjectCommand({ Bucket, Key: 'players/oidc1/alice/profile.json' }),
			);
			expect(await got.Body!.transformToString()).toBe('{"name":"alice"}');
			const key = 'players/oidc1/alice/profile.json';
			expect(
				await failureOf(readOnly.s3.send(new PutObjectCommand({ Bucket, Key: key, Body: 'x' }))),
			).toEqual({
				name: 'AccessDenied',
				status: 403,
				message: `${user('alice')} is not authorized to perform: s3:PutObject on resource: "${obj(key)}" because no session policy allows the s3:PutObject action`,
			});
			// The session policy never widens: his profile stays out of reach.
			expect(
				await failureOf(
					readOnly.s3.send(new GetObjectCommand({ Bucket, Key: 'players/oidc1/bob/profile.json' })),
				),
			).toMatchObject({ name: 'AccessDenied', status: 403 });
		} finally {
			destroyClients(readOnly);
		}
	});
});
