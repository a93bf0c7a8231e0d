import { describe, expect, it } from 'vitest';
import { isFailure } from '../../../src/lib/aws/call-log';
import { expectedOutcome } from '../../../src/lib/aws/expected-outcome';

const awsError = (name: string, status: number, extra: object = {}) =>
	Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });

describe('expected outcomes: answers the app asked for, not failures', () => {
	it.each([
		[
			'a conditional create that found the object there (replayed write)',
			{ service: 'S3', operation: 'PutObject', input: { IfNoneMatch: '*' } },
			awsError('PreconditionFailed', 412),
			/Refused by its condition/,
		],
		[
			'an If-Match write that lost to a concurrent one',
			{ service: 'S3', operation: 'PutObject', input: { IfMatch: '"abc"' } },
			awsError('ConditionalRequestConflict', 409),
			/Refused by its condition/,
		],
		[
			'a read of an empty slot',
			{ service: 'S3', operation: 'GetObject', input: { Key: 'players/x/saves/slot-1.json' } },
			awsError('NoSuchKey', 404),
			/Nothing stored at this key yet/,
		],
		[
			'a score that is not a new best',
			{
				service: 'DynamoDB',
				operation: 'UpdateItem',
				input: { ConditionExpression: 'TopScore < :s' },
			},
			awsError('ConditionalCheckFailedException', 400),
			/not a new best/,
		],
		[
			'a replayed run whose Put found the run recorded',
			{ service: 'DynamoDB', operation: 'TransactWriteItems', input: { TransactItems: [] } },
			awsError('TransactionCanceledException', 400, {
				CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
			}),
			/already recorded/,
		],
	])('%s', (_name, call, error, reason) => {
		expect(expectedOutcome({ ...call, error })).toMatch(reason);
	});

	it.each([
		[
			'an unconditional write refused by IAM',
			{ service: 'S3', operation: 'PutObject', input: {} },
			awsError('AccessDenied', 403),
		],
		[
			'a 412 on a write that named no condition',
			{ service: 'S3', operation: 'PutObject', input: {} },
			awsError('PreconditionFailed', 412),
		],
		[
			'a read of another player’s file',
			{ service: 'S3', operation: 'GetObject', input: {} },
			awsError('AccessDenied', 403),
		],
		[
			'a ConditionalCheckFailed without a ConditionExpression (not ours)',
			{ service: 'DynamoDB', operation: 'UpdateItem', input: {} },
			awsError('ConditionalCheckFailedException', 400),
		],
		[
			'a transaction cancelled by a conflict',
			{ service: 'DynamoDB', operation: 'TransactWriteItems', input: {} },
			awsError('TransactionCanceledException', 400, {
				CancellationReasons: [{ Code: 'TransactionConflict' }],
			}),
		],
		[
			'no answer at all',
			{ service: 'S3', operation: 'ListObjectsV2', input: {} },
			new TypeError('Failed to fetch'),
		],
	])('%s is a real failure', (_name, call, error) => {
		expect(expectedOutcome({ ...call, error })).toBeNull();
	});

	it('counts as a failure only a failed call that was not expected', () => {
		expect(isFailure({ ok: false })).toBe(true);
		expect(isFailure({ ok: false, expected: 'Refused by its condition' })).toBe(false);
		expect(isFailure({ ok: true })).toBe(false);
	});
});
