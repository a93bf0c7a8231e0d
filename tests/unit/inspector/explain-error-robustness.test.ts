import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { ExpiredTokenException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';

const circular: Record<string, unknown> = { message: 'loop' };
circular.self = circular;
const hostile = {
	get message(): string {
		throw new Error('getter throws');
	},
	name: 'AccessDenied',
};

describe('explainAwsError on garbage', () => {
	it.each([
		['null', null],
		['undefined', undefined],
		['a number', 42],
		['a boolean', true],
		['a symbol-free empty object', {}],
		['a circular object', circular],
		['an object whose getter throws', hostile],
		['an array', [1, 2, 3]],
		['an empty string', ''],
	])('never throws on %s', (_name, input) => {
		const explanation = explainAwsError(input);
		expect(explanation.category).toMatch(/^[a-z-]+$/);
		expect(explanation.summary).not.toBe('');
	});

	it.each([
		['repeated spaces', 'User:' + ' '.repeat(1_000_000) + 'x'],
		['repeated ARN fragments', 'arn:aws:'.repeat(130_000) + '\n'.repeat(1000)],
		[
			'an unterminated quote',
			'is not authorized to perform: s3:GetObject on resource: "' + 'a'.repeat(1_000_000),
		],
		['nested angle brackets', '<Code>'.repeat(170_000)],
		['an unterminated JSON string', '{"__type":"' + '\\"'.repeat(500_000)],
	])(
		'answers a 1 MB string of %s (no catastrophic backtracking: it would hang past the timeout)',
		{ timeout: 10_000 },
		(_name, input) => {
			expect(explainAwsError(input).category).toBeTypeOf('string');
		},
	);
});

describe('explainAwsError on real SDK v3 error objects', () => {
	it('reads an S3 AccessDenied thrown by the S3 client', () => {
		const error = new S3ServiceException({
			name: 'AccessDenied',
			$fault: 'client',
			$metadata: { httpStatusCode: 403, requestId: 'R1' },
			message:
				'User: arn:aws:sts::123456789012:assumed-role/FedplayPlayer/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::fedplay-data/players/bob/profile.json" because no identity-based policy allows the s3:GetObject action',
		});
		expect(explainAwsError(error)).toMatchObject({
			category: 'access-denied',
			code: 'AccessDenied',
			resource: 'arn:aws:s3:::fedplay-data/players/bob/profile.json',
			policyType: 'identity-based',
		});
	});

	it('tells an expired session (DynamoDB) from an expired ID token (STS)', () => {
		const dynamo = new DynamoDBServiceException({
			name: 'ExpiredTokenException',
			$fault: 'client',
			$metadata: { httpStatusCode: 400 },
			message: 'The security token included in the request is expired',
		});
		const sts = new ExpiredTokenException({
			$metadata: { httpStatusCode: 400 },
			message:
				'Token expired: current date/time 1700000600 must be before the expiration date/time 1700000000',
		});
		expect(explainAwsError(dynamo).category).toBe('expired-credentials');
		expect(explainAwsError(sts).category).toBe('expired-identity-token');
		expect(explainAwsError(sts).summary).toContain('10 min');
	});

	it('treats a bodiless 403 from S3 HeadObject as access denied', () => {
		const error = new S3ServiceException({
			name: 'Forbidden',
			$fault: 'client',
			$metadata: { httpStatusCode: 403 },
			message: 'UnknownError',
		});
		expect(explainAwsError(error).category).toBe('access-denied');
	});
});

describe('explainAwsError advice', () => {
	it('says how far off the device clock is', () => {
		const explanation = explainAwsError(
			'InvalidSignatureException: Signature expired: 20140325T143453Z is now earlier than 20140325T143751Z (20140325T145251Z - 15 min.)',
		);
		expect(explanation.hints[0]).toContain('18 min behind');
	});

	it('reads both clocks of an S3 RequestTimeTooSkewed body', () => {
		const explanation = explainAwsError(
			'<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20150604T232559Z</RequestTime><ServerTime>2015-06-04T22:26:16Z</ServerTime></Error>',
		);
		expect(explanation.summary).toContain('60 min ahead');
	});

	it('names the issuer that has no IAM OIDC provider', () => {
		const explanation = explainAwsError({
			message: 'No OpenIDConnect provider found in your account for http://localhost:4000',
			code: 'InvalidIdentityToken',
			status: 400,
			service: 'STS',
		});
		expect(explanation.summary).toContain('http://localhost:4000');
	});

	it('points a trust-policy denial at the trust policy', () => {
		const explanation = explainAwsError('Not authorized to perform sts:AssumeRoleWithWebIdentity');
		expect(explanation.hints.join(' ')).toContain('trust policy');
	});

	it('offers to decode an encoded authorization message', () => {
		const explanation = explainAwsError(
			'You are not authorized to perform this operation. Encoded authorization failure message: abcdefghijklmnop',
		);
		expect(explanation.encodedMessage).toBe('abcdefghijklmnop');
		expect(explanation.hints[0]).toContain('sts:DecodeAuthorizationMessage');
	});

	it('explains S3 bare Access Denied', () => {
		const explanation = explainAwsError('Access Denied');
		expect(explanation.category).toBe('access-denied');
		expect(explanation.hints.join(' ')).toContain('bucket policy');
	});
});
