/**
 * Issue 11, item 2 (DynamoDB): bounds on what the gateway parses, decided before anything reaches dynalite.
 * A PutItem of the player's own item nested 1,000 levels deep used to overflow dynalite's recursive
 * validation and take the whole sandbox down; depths 33 to 700 were stored although DynamoDB stops at 32.
 */
import { describe, expect, it } from 'vitest';
import { S, mapBody, rejection } from './dynamodb-fixture';

const NEST =
	'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const key = { UserId: S('alice'), GameTitle: S('M') };

/** A value `wraps` maps deep around a string: the attribute is level 1, so the leaf is at `wraps + 1`. */
function deepMap(wraps: number): unknown {
	let value: unknown = S('leaf');
	for (let i = 0; i < wraps; i++) value = { M: { n: value } };
	return value;
}
function deepList(wraps: number): unknown {
	let value: unknown = S('leaf');
	for (let i = 0; i < wraps; i++) value = { L: [value] };
	return value;
}
function mixed(wraps: number): unknown {
	let value: unknown = { BOOL: true };
	for (let i = 0; i < wraps; i++)
		value = i % 2 === 0 ? { L: [S('x'), value] } : { M: { a: value } };
	return value;
}

function refused(operation: string, input: unknown, message: string, code = 'ValidationException') {
	expect(rejection(operation, input)).toEqual({ status: 400, code, message });
}

describe('nesting depth: 32 levels, as DynamoDB counts them', () => {
	it.each([
		['a map', deepMap],
		['a list', deepList],
		['maps and lists', mixed],
	])('accepts %s whose leaf is at level 32 and refuses one at 33, 34 and 1,000', (_, build) => {
		const put = (value: unknown) => ({ TableName: 'GameScores', Item: { ...key, Deep: value } });
		expect(rejection('PutItem', put(build(31)))).toBeUndefined();
		for (const wraps of [32, 33, 999]) refused('PutItem', put(build(wraps)), NEST);
	});

	it('refuses 100,000 levels without exhausting the stack', () => {
		const wraps = 100_000;
		const body = `{"TableName":"GameScores","Item":{"UserId":{"S":"alice"},"GameTitle":{"S":"M"},"Deep":${'{"M":{"n":'.repeat(wraps)}{"S":"x"}${'}}'.repeat(wraps)}}}`;
		const mapped = mapBody('PutItem', body);
		expect(!mapped.ok && mapped.rejection.message).toBe(NEST);
	});

	const eav = (value: unknown) => ({ ':v': value, ':g': S('M') });
	it.each([
		['GetItem', { TableName: 'GameScores', Key: { ...key, GameTitle: deepMap(40) } }, NEST],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				UpdateExpression: 'SET Deep = :v',
				ExpressionAttributeValues: { ':v': deepMap(1000) },
			},
			`ExpressionAttributeValues contains invalid value: ${NEST} for key :v`,
		],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				AttributeUpdates: { Deep: { Action: 'PUT', Value: deepList(1000) } },
			},
			NEST,
		],
		[
			'DeleteItem',
			{ TableName: 'GameScores', Key: key, Expected: { Deep: { Value: deepMap(33) } } },
			NEST,
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				IndexName: 'GameTitleIndex',
				KeyConditionExpression: 'GameTitle = :g',
				FilterExpression: 'Deep = :v',
				ProjectionExpression: 'TopScore',
				ExpressionAttributeValues: eav(deepMap(500)),
			},
			`ExpressionAttributeValues contains invalid value: ${NEST} for key :v`,
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				KeyConditions: { UserId: { ComparisonOperator: 'EQ', AttributeValueList: [S('alice')] } },
				QueryFilter: { Deep: { ComparisonOperator: 'EQ', AttributeValueList: [deepMap(64)] } },
			},
			NEST,
		],
		[
			'Query',
			{
				TableName: 'GameScores',
				KeyConditionExpression: 'UserId = :g',
				ExpressionAttributeValues: { ':g': S('alice') },
				ExclusiveStartKey: { ...key, Deep: deepMap(40) },
			},
			NEST,
		],
		[
			'BatchWriteItem',
			{ RequestItems: { GameScores: [{ PutRequest: { Item: { ...key, Deep: deepMap(1000) } } }] } },
			NEST,
		],
		[
			'BatchGetItem',
			{ RequestItems: { GameScores: { Keys: [{ ...key, D: deepList(50) }] } } },
			NEST,
		],
		[
			'TransactWriteItems',
			{ TransactItems: [{ Put: { TableName: 'GameScores', Item: { ...key, D: deepMap(1000) } } }] },
			NEST,
		],
		[
			'TransactWriteItems',
			{
				TransactItems: [
					{
						Update: {
							TableName: 'GameScores',
							Key: key,
							UpdateExpression: 'SET D = :v',
							ExpressionAttributeValues: { ':v': deepMap(40) },
						},
					},
				],
			},
			`ExpressionAttributeValues contains invalid value: ${NEST} for key :v`,
		],
		[
			'ExecuteStatement',
			{ Statement: 'SELECT * FROM GameScores WHERE UserId = ?', Parameters: [deepMap(1000)] },
			NEST,
		],
	])('refuses %s nested too deep wherever a value goes', (operation, input, message) => {
		refused(operation, input, message);
	});
});

describe('AttributeValues are well formed before anything reads them', () => {
	it.each([
		[{ ...key, a: null }, 'The supplied Item contains a null AttributeValue'],
		[{ ...key, a: { L: [S('x'), null] } }, 'The supplied Item contains a null AttributeValue'],
		[{ ...key, a: { M: { b: null } } }, 'The supplied Item contains a null AttributeValue'],
		[
			{ ...key, a: {} },
			'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
		],
		[
			{ ...key, a: { S: 'x', N: '1' } },
			'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
		],
	])('refuses the item %j (dynalite crashed on a null)', (item, message) => {
		refused('PutItem', { TableName: 'GameScores', Item: item }, message);
	});

	// dynalite crashes the process on each of these (a TypeError outside its error handling).
	const EMPTY =
		'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
	const INVALID = 'One or more parameter values were invalid';
	it.each([
		['GetItem', { TableName: 'GameScores', Key: { ...key, UserId: null } }, EMPTY],
		[
			'UpdateItem',
			{
				TableName: 'GameScores',
				Key: key,
				UpdateExpression: 'SET a = :v',
				ExpressionAttributeValues: { ':v': null },
			},
			`ExpressionAttributeValues contains invalid value: ${EMPTY} for key :v`,
		],
		['DeleteItem', { TableName: 'GameScores', Key: key, Expected: { a: null } }, INVALID],
		[
			'UpdateItem',
			{ TableName: 'GameScores', Key: key, AttributeUpdates: { a: null } },
			'Supplied AttributeValueUpdate is empty, must contain one of the supported actions',
		],
		[
			'Query',
			{ TableName: 'GameScores', KeyConditions: { UserId: null } },
			'The filter condition for an attribute cannot be null',
		],
		[
			'BatchGetItem',
			{ RequestItems: { GameScores: { Keys: [null] } } },
			'The list of keys in RequestItems for BatchGetItem may not contain null or empty values',
		],
		['BatchWriteItem', { RequestItems: { GameScores: [null] } }, INVALID],
		[
			'BatchWriteItem',
			{ RequestItems: { GameScores: null } },
			'The batch write request list for a table cannot be null or empty',
		],
		['TransactWriteItems', { TransactItems: [null] }, INVALID],
		['GetItem', { TableName: 'GameScores', Key: key, AttributesToGet: [null] }, INVALID],
	])('refuses a JSON null inside %s %j', (operation, input, message) => {
		refused(operation, input, message);
	});

	it.each([
		[
			{ TableName: 'GameScores', Key: key, ProjectionExpression: ['Wins'] },
			'Unrecognized collection type class java.lang.String',
		],
		[
			{ TableName: 'GameScores', Key: [key] },
			'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>',
		],
		[
			{ TableName: 'GameScores', Key: { ...key, UserId: 'alice' } },
			'Unexpected value type in payload',
		],
		[
			{ TableName: 'GameScores', Key: { ...key, UserId: { S: 7 } } },
			'NUMBER_VALUE cannot be converted to String',
		],
		[
			{
				TableName: 'GameScores',
				Key: key,
				ProjectionExpression: '#w',
				ExpressionAttributeNames: { '#w': { S: 'Wins' } },
			},
			'Start of structure or map found where not expected',
		],
		[{ TableName: 42, Key: key }, 'NUMBER_VALUE cannot be converted to String'],
	])('answers a member of the wrong type with SerializationException (%j)', (input, message) => {
		refused('GetItem', input, message, 'SerializationException');
	});
});

describe('item size: 400 KB, counted as DynamoDB counts it', () => {
	// "UserId" + "alice" = 11 bytes, "GameTitle" + "M" = 10, "P" = 1: the rest is the value.
	const put = (value: unknown) => ({ TableName: 'GameScores', Item: { ...key, P: value } });

	it('accepts exactly 409,600 bytes and refuses one more', () => {
		expect(rejection('PutItem', put(S('x'.repeat(409_578))))).toBeUndefined();
		refused(
			'PutItem',
			put(S('x'.repeat(409_579))),
			'Item size has exceeded the maximum allowed size',
		);
	});

	it('counts strings in UTF-8 bytes, not characters', () => {
		expect(rejection('PutItem', put(S('é'.repeat(204_789))))).toBeUndefined();
		refused(
			'PutItem',
			put(S('é'.repeat(204_790))),
			'Item size has exceeded the maximum allowed size',
		);
	});

	it('counts a map’s 3 bytes, each element’s byte and name, binaries raw and numbers by digits', () => {
		// M: 3 + per element (1 + name 1 + value): B of 1,000 raw bytes, N of 38 digits = 20 bytes.
		const element = { B: Buffer.alloc(1000).toString('base64') };
		const entries = Object.fromEntries(
			Array.from({ length: 405 }, (_, i) => [String.fromCharCode(0x100 + i), element]),
		);
		// 405 elements × (1 + 2-byte name + 1,000) = 406,215; + 3 = 406,218; + 21 key bytes + "P" = 406,240.
		const number = { N: '1'.repeat(38) };
		const filler = (n: number) => ({ S: 'x'.repeat(n) });
		const item = (fill: number) => ({ ...key, P: { M: entries }, Q: number, R: filler(fill) });
		// Q: 1 + 20 = 21; R: 1 + fill. 406,240 + 21 + 1 + fill = 409,600 → fill = 3,338.
		expect(rejection('PutItem', { TableName: 'GameScores', Item: item(3338) })).toBeUndefined();
		refused(
			'PutItem',
			{ TableName: 'GameScores', Item: item(3339) },
			'Item size has exceeded the maximum allowed size',
		);
	});

	it('refuses a very wide item: 500 attributes of a kilobyte, in a batch and a transaction too', () => {
		const wide = { ...key };
		for (let i = 0; i < 500; i++) Object.assign(wide, { [`a${i}`]: S('w'.repeat(1000)) });
		const message = 'Item size has exceeded the maximum allowed size';
		refused('PutItem', { TableName: 'GameScores', Item: wide }, message);
		refused(
			'BatchWriteItem',
			{ RequestItems: { GameScores: [{ PutRequest: { Item: wide } }] } },
			message,
		);
		refused(
			'TransactWriteItems',
			{ TransactItems: [{ Put: { TableName: 'GameScores', Item: wide } }] },
			message,
		);
	});
});

describe('key sizes: partition key 2,048 bytes, sort key 1,024', () => {
	const HASH =
		'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes';
	const RANGE =
		'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes';
	const sized = (user: string, title: string) => ({ UserId: S(user), GameTitle: S(title) });

	it.each([
		['PutItem', (k: unknown) => ({ TableName: 'GameScores', Item: k })],
		['GetItem', (k: unknown) => ({ TableName: 'GameScores', Key: k })],
		['DeleteItem', (k: unknown) => ({ TableName: 'GameScores', Key: k })],
		['BatchGetItem', (k: unknown) => ({ RequestItems: { GameScores: { Keys: [k] } } })],
		[
			'TransactWriteItems',
			(k: unknown) => ({ TransactItems: [{ Delete: { TableName: 'GameScores', Key: k } }] }),
		],
	])('%s', (operation, request) => {
		expect(
			rejection(operation, request(sized('a'.repeat(2048), 'b'.repeat(1024)))),
		).toBeUndefined();
		refused(operation, request(sized('a'.repeat(2049), 'b')), HASH);
		refused(operation, request(sized('ü'.repeat(1025), 'b')), HASH);
		refused(operation, request(sized('a', 'b'.repeat(1025))), RANGE);
	});
});

describe('batch and transaction sizes', () => {
	const keys = (n: number) =>
		Array.from({ length: n }, (_, i) => ({ UserId: S('alice'), GameTitle: S(`g${i}`) }));

	it('BatchGetItem: at most 100 keys', () => {
		expect(
			rejection('BatchGetItem', { RequestItems: { GameScores: { Keys: keys(100) } } }),
		).toBeUndefined();
		refused(
			'BatchGetItem',
			{ RequestItems: { GameScores: { Keys: keys(101) } } },
			'Too many items requested for the BatchGetItem call',
		);
	});

	it('BatchWriteItem: at most 25 writes', () => {
		const writes = (n: number) => keys(n).map((Item) => ({ PutRequest: { Item } }));
		expect(
			rejection('BatchWriteItem', { RequestItems: { GameScores: writes(25) } }),
		).toBeUndefined();
		refused(
			'BatchWriteItem',
			{ RequestItems: { GameScores: writes(26) } },
			"1 validation error detected: Value at 'RequestItems.GameScores.member' failed to satisfy constraint: Member must have length less than or equal to 25",
		);
		refused(
			'BatchWriteItem',
			{ RequestItems: { GameScores: writes(20), Other: writes(6) } },
			'Too many items requested for the BatchWriteItem call',
		);
	});

	it.each(['TransactWriteItems', 'TransactGetItems'])(
		'%s: between 1 and 100 actions',
		(operation) => {
			const items = (n: number) =>
				keys(n).map((Key) =>
					operation === 'TransactGetItems'
						? { Get: { TableName: 'GameScores', Key } }
						: { Delete: { TableName: 'GameScores', Key } },
				);
			expect(rejection(operation, { TransactItems: items(100) })).toBeUndefined();
			refused(
				operation,
				{ TransactItems: items(101) },
				"1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100",
			);
			refused(
				operation,
				{ TransactItems: [] },
				"1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
			);
		},
	);

	it('ExecuteStatement: a statement of at most 8,192 characters', () => {
		const statement = (n: number) => `SELECT * FROM GameScores WHERE UserId = '${'a'.repeat(n)}'`;
		expect(rejection('ExecuteStatement', { Statement: statement(8192 - 42) })).toBeUndefined();
		refused(
			'ExecuteStatement',
			{ Statement: statement(8192 - 41) },
			"1 validation error detected: Value at 'Statement' failed to satisfy constraint: Member must have length less than or equal to 8192",
		);
	});
});
