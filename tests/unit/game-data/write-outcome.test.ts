import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';
import { ConflictError } from '../../../src/lib/game/s3-json';
import {
	conflictExplanation,
	isConflictExplanation,
	isRetryable,
} from '../../../src/lib/game/write-outcome';

function awsError(name: string, status: number | undefined, message = name, extra = {}) {
	return Object.assign(new Error(message), {
		name,
		$metadata: status === undefined ? {} : { httpStatusCode: status },
		...extra,
	});
}

const denied =
	'User: arn:aws:sts::123456789012:assumed-role/fedplay-player/alice is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/GameScores because no identity-based policy allows the dynamodb:PutItem action';

describe('isRetryable', () => {
	it.each([
		['a network failure (no HTTP answer)', new TypeError('fetch failed'), true],
		['DynamoDB throttling', awsError('ThrottlingException', 400), true],
		['S3 SlowDown', awsError('SlowDown', 503), true],
		['a 500', awsError('InternalError', 500), true],
		['expired credentials (S3)', awsError('ExpiredToken', 400), true],
		['expired credentials (DynamoDB)', awsError('ExpiredTokenException', 400), true],
		[
			'a transaction conflict',
			awsError('TransactionCanceledException', 400, 'x', {
				CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
			}),
			true,
		],
		['AccessDeniedException', awsError('AccessDeniedException', 400, denied), false],
		[
			'S3 AccessDenied',
			awsError('AccessDenied', 403, denied.replace('dynamodb:PutItem', 's3:PutObject')),
			false,
		],
		['a ValidationException', awsError('ValidationException', 400), false],
		['our own data-invalid error', new AppError('data-invalid', 'bad'), false],
	])('%s → %s', (_name, error, expected) => {
		expect(isRetryable(error, explainAwsError(error))).toBe(expected);
	});
});

describe('conflict explanations', () => {
	it('are recognisable and say what changed', () => {
		const text = conflictExplanation(new ConflictError('players/alice/profile.json', null));
		expect(isConflictExplanation(text)).toBe(true);
		expect(text).toContain('your profile');
		expect(text).toContain('deleted');
		expect(isConflictExplanation(explainAwsError(new Error(denied)).summary)).toBe(false);
	});
});
