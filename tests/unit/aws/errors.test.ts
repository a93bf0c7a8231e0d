import { describe, expect, it } from 'vitest';
import {
	AWS_ERROR_WORDS,
	awsErrorWords,
	loggedErrorSummary,
} from '../../../src/lib/aws/error-text';
import {
	AWS_ERROR_CODES,
	awsErrorCategory,
	awsErrorCode,
	awsErrorFacts,
	describeAwsError,
	isRetryableAwsError,
} from '../../../src/lib/aws/errors';
import { AppError, isNetworkFailure } from '../../../src/lib/errors';

function awsError(name: string, status: number | undefined, message = name, extra = {}) {
	return Object.assign(new Error(message), {
		name,
		$metadata: status === undefined ? {} : { httpStatusCode: status, requestId: 'req-1' },
		...extra,
	});
}

const denied =
	'User: arn:aws:sts::123456789012:assumed-role/fedplay-player/alice is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/GameScores because no identity-based policy allows the dynamodb:PutItem action';

describe('isRetryableAwsError', () => {
	it.each([
		['a network failure (no HTTP answer)', new TypeError('fetch failed'), true],
		['DynamoDB throttling', awsError('ThrottlingException', 400), true],
		['S3 SlowDown', awsError('SlowDown', 503), true],
		['a 500', awsError('InternalError', 500), true],
		['expired credentials (S3)', awsError('ExpiredToken', 400), true],
		['expired credentials (DynamoDB)', awsError('ExpiredTokenException', 400), true],
		['a skewed clock (S3)', awsError('RequestTimeTooSkewed', 403), true],
		[
			'a skewed clock, said in words (DynamoDB)',
			awsError(
				'InvalidSignatureException',
				400,
				'Signature expired: 20260101T120000Z is now earlier than …',
			),
			true,
		],
		[
			'a transaction conflict',
			awsError('TransactionCanceledException', 400, 'x', {
				CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
			}),
			true,
		],
		[
			'a transaction cancelled by a condition',
			awsError('TransactionCanceledException', 400, 'x', {
				CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
			}),
			false,
		],
		['AccessDeniedException', awsError('AccessDeniedException', 400, denied), false],
		[
			'S3 AccessDenied',
			awsError('AccessDenied', 403, denied.replace('dynamodb:PutItem', 's3:PutObject')),
			false,
		],
		['a ValidationException', awsError('ValidationException', 400), false],
		['a signature that does not match', awsError('SignatureDoesNotMatch', 403), false],
		['our own data-invalid error', new AppError('data-invalid', 'bad'), false],
		['an invalid payload (valibot)', Object.assign(new Error('x'), { name: 'ValiError' }), false],
	])('%s → %s', (_name, error, expected) => {
		expect(isRetryableAwsError(error)).toBe(expected);
	});
});

describe('the table of AWS codes', () => {
	it('finds a JSON-protocol code by its query-protocol name, and only own keys', () => {
		expect(awsErrorCode('ThrottlingException')).toBe(AWS_ERROR_CODES.Throttling);
		expect(awsErrorCode('AccessDeniedException')?.category).toBe('access-denied');
		expect(awsErrorCode('constructor')).toBeNull();
		expect(awsErrorCode(null)).toBeNull();
	});

	it('marks only the codes that mean the signing credentials are finished as renew', () => {
		const renew = Object.entries(AWS_ERROR_CODES)
			.filter(([, entry]) => entry.renew)
			.map(([code]) => code);
		expect(renew.sort()).toEqual(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
	});

	it('reads the facts of an SDK error, and of anything else without throwing', () => {
		expect(awsErrorFacts(awsError('NoSuchKey', 404, 'The specified key does not exist.'))).toEqual({
			code: 'NoSuchKey',
			message: 'The specified key does not exist.',
			status: 404,
			requestId: 'req-1',
			category: 'not-found',
		});
		expect(awsErrorFacts(new TypeError('Failed to fetch'))).toMatchObject({
			code: null,
			status: null,
			category: 'network',
		});
		for (const value of [null, undefined, 'text', 42]) {
			expect(awsErrorFacts(value).category).toBe('unknown');
		}
		expect(awsErrorFacts(awsError('Unheard', 503)).category).toBe('server');
	});

	it('describes a failure in one line for the player', async () => {
		expect(await describeAwsError(awsError('ThrottlingException', 400))).toBe(
			'ThrottlingException: AWS throttled the request: too many requests in a short time.',
		);
		expect(await describeAwsError(new TypeError('Failed to fetch'))).toBe(
			'No answer: Failed to fetch',
		);
		expect(
			await describeAwsError(new AppError('data-invalid', 'The stored save is not valid.')),
		).toBe('The stored save is not valid.');
		expect(await describeAwsError(awsError('Unheard', 400, 'AWS says no.'))).toBe(
			'Unheard: AWS says no.',
		);
	});

	it('classifies a message variant without its words: an expired Cognito login token', () => {
		const message = 'Invalid login token. Token expired: 1 >= 0';
		expect(awsErrorCategory('NotAuthorizedException', message)).toBe('expired-identity-token');
		expect(awsErrorCategory('NotAuthorizedException', 'Logins don’t match')).toBe('identity-pool');
		expect(awsErrorCategory('ExpiredTokenException', 'x')).toBe('expired-credentials');
		expect(awsErrorCategory('ExpiredTokenException', 'x', true)).toBe('expired-identity-token');
		expect(awsErrorCategory('Unheard', 'x')).toBeNull();
	});
});

describe('the words of each code (error-text.ts, loaded when an error is shown)', () => {
	it('has words for exactly the codes the table classifies, and for each of their variants', () => {
		expect(Object.keys(AWS_ERROR_WORDS)).toEqual(Object.keys(AWS_ERROR_CODES));
		for (const [code, known] of Object.entries(AWS_ERROR_CODES)) {
			const words = AWS_ERROR_WORDS[code]!;
			expect(words.meaning.length, code).toBeGreaterThan(10);
			const ids = (known.variants ?? []).map((v) => v.id);
			expect(Object.keys(words.variants ?? {}).sort(), code).toEqual([...ids].sort());
		}
	});

	it('gives a variant’s words with its category, and the code’s sign-in category', () => {
		expect(
			awsErrorWords('NotAuthorizedException', 'Invalid login token. Token expired: 1 >= 0'),
		).toMatchObject({
			category: 'expired-identity-token',
			meaning: 'The ID token sent in Logins had expired when Amazon Cognito received it.',
			signIn: { category: 'expired-identity-token', title: 'Your sign-in has expired' },
			precise: true,
		});
		expect(awsErrorWords('ExpiredTokenException', 'x')).toMatchObject({
			category: 'expired-credentials',
			signIn: { category: 'expired-identity-token', title: 'Your sign-in has expired' },
			precise: false,
		});
		expect(awsErrorWords('ThrottlingException', 'x')?.signIn).toBeNull();
		expect(awsErrorWords('constructor', 'x')).toBeNull();
	});

	it('sums up a logged failure by its code, else by AWS’s (redacted) message', () => {
		expect(loggedErrorSummary({ code: 'NoSuchKey', message: 'The key does not exist.' })).toBe(
			'There is no object at this key.',
		);
		expect(loggedErrorSummary({ code: null, message: 'Failed to fetch' })).toBe('Failed to fetch');
	});
});

describe('the one copy of the network-failure words', () => {
	it.each([
		['Chromium', new TypeError('Failed to fetch'), true],
		['Firefox', new Error('NetworkError when attempting to fetch resource.'), true],
		['Safari', new Error('Load failed'), true],
		[
			'Node',
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }),
			true,
		],
		['an AWS refusal', awsError('AccessDenied', 403), false],
		['plain text', 'all good', false],
	])('%s: %s', (_who, error, expected) => {
		expect(isNetworkFailure(error)).toBe(expected);
	});
});
