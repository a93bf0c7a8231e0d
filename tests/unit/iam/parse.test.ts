import { describe, expect, it } from 'vitest';
import { PolicyParseError, parsePolicy, type PolicyType } from '../../../src/lib/iam';

const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const doc = (statement: unknown, extra: object = {}) => ({
	Version: '2012-10-17',
	Statement: statement,
	...extra,
});

describe('parsePolicy', () => {
	it('accepts JSON text or a value, and Statement as an object or an array', () => {
		const fromText = parsePolicy(JSON.stringify(doc(allow)), 'P', 'identity-based');
		const fromArray = parsePolicy(doc([allow]), 'P', 'identity-based');
		expect(fromText).toEqual(fromArray);
		expect(fromText).toMatchObject({ name: 'P', type: 'identity-based' });
	});

	it('normalizes single strings into arrays', () => {
		const policy = parsePolicy(
			doc({
				...allow,
				Sid: 'One',
				Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'a:n': 5 } },
			}),
			'P',
			'identity-based',
		);
		expect(policy.document.Statement).toEqual([
			{
				Sid: 'One',
				Effect: 'Allow',
				Action: ['s3:GetObject'],
				Resource: ['*'],
				Condition: { Bool: { 'aws:SecureTransport': ['true'] }, NumericLessThan: { 'a:n': ['5'] } },
			},
		]);
	});

	it('keeps the Id and normalizes Principal values in trust policies', () => {
		const trust = parsePolicy(
			doc(
				{
					Effect: 'Allow',
					Principal: { Federated: 'accounts.google.com' },
					Action: 'sts:AssumeRoleWithWebIdentity',
				},
				{ Id: 'T' },
			),
			'Trust',
			'trust',
		);
		expect(trust.document.Id).toBe('T');
		expect(trust.document.Statement[0]?.Principal).toEqual({ Federated: ['accounts.google.com'] });
	});

	it('accepts an empty Statement array (which allows nothing)', () => {
		expect(parsePolicy(doc([]), 'Empty', 'session').document.Statement).toEqual([]);
	});

	type Bad = [
		what: string,
		input: unknown,
		type: PolicyType,
		message: RegExp,
		index: number | undefined,
	];
	it.each<Bad>([
		['malformed JSON', '{"Version": ', 'identity-based', /Syntax errors in policy/, undefined],
		['a non-object document', '[1]', 'identity-based', /must be a JSON object/, undefined],
		[
			'an unknown top-level element',
			doc(allow, { Statment: [] }),
			'identity-based',
			/Unknown top-level element Statment/,
			undefined,
		],
		[
			'a bad Version',
			doc(allow, { Version: '2012-10-18' }),
			'identity-based',
			/Version "2012-10-18" is not valid/,
			undefined,
		],
		[
			'a missing Statement',
			{ Version: '2012-10-17' },
			'identity-based',
			/Missing required field Statement/,
			undefined,
		],
		['a non-object statement', doc(['nope']), 'identity-based', /must be a JSON object/, 0],
		[
			'a missing Effect',
			doc([allow, { Action: '*', Resource: '*' }]),
			'identity-based',
			/Missing required field Effect/,
			1,
		],
		[
			'a bad Effect',
			doc({ ...allow, Effect: 'allow' }),
			'identity-based',
			/Effect must be "Allow" or "Deny"/,
			0,
		],
		[
			'Action and NotAction together',
			doc({ ...allow, NotAction: 's3:PutObject' }),
			'identity-based',
			/both Action and NotAction/,
			0,
		],
		[
			'no Action',
			doc({ Effect: 'Allow', Resource: '*' }),
			'identity-based',
			/must contain actions/,
			0,
		],
		[
			'an Action without a vendor',
			doc({ ...allow, Action: 'GetObject' }),
			'identity-based',
			/prefaced by a vendor/,
			0,
		],
		[
			'an empty Action list',
			doc({ ...allow, Action: [] }),
			'identity-based',
			/Action must not be empty/,
			0,
		],
		[
			'a non-string Action',
			doc({ ...allow, Action: [1] }),
			'identity-based',
			/non-empty strings/,
			0,
		],
		[
			'no Resource',
			doc({ Effect: 'Allow', Action: '*' }),
			'identity-based',
			/must contain resources/,
			0,
		],
		[
			'Resource and NotResource together',
			doc({ ...allow, NotResource: 'x' }),
			'identity-based',
			/both Resource and NotResource/,
			0,
		],
		[
			'an unknown statement element',
			doc({ ...allow, Resources: '*' }),
			'identity-based',
			/Unknown element Resources/,
			0,
		],
		[
			'a Principal in an identity-based policy',
			doc({ ...allow, Principal: '*' }),
			'identity-based',
			/Has prohibited field Principal/,
			0,
		],
		[
			'a Principal in a session policy',
			doc({ ...allow, Principal: '*' }),
			'session',
			/Has prohibited field Principal/,
			0,
		],
		[
			'a trust policy without Principal',
			doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }),
			'trust',
			/Missing required field Principal/,
			0,
		],
		[
			'a Resource in a trust policy',
			doc({ ...allow, Principal: '*' }),
			'trust',
			/Has prohibited field Resource/,
			0,
		],
		[
			'an unknown principal type',
			doc({ ...allow, Principal: { User: 'x' } }),
			'resource-based',
			/unknown principal type User/,
			0,
		],
		[
			'Principal and NotPrincipal together',
			doc({ ...allow, Principal: '*', NotPrincipal: '*' }),
			'resource-based',
			/both Principal and NotPrincipal/,
			0,
		],
		[
			'an unknown condition operator',
			doc({ ...allow, Condition: { StringEqual: { 'a:b': 'c' } } }),
			'identity-based',
			/Unknown condition operator StringEqual/,
			0,
		],
		[
			'a bad set qualifier',
			doc({ ...allow, Condition: { 'ForSomeValues:StringEquals': { 'a:b': 'c' } } }),
			'identity-based',
			/Unknown condition operator/,
			0,
		],
		[
			'NullIfExists',
			doc({ ...allow, Condition: { NullIfExists: { 'a:b': 'true' } } }),
			'identity-based',
			/NullIfExists is not valid/,
			0,
		],
		[
			'an operator without keys',
			doc({ ...allow, Condition: { StringEquals: {} } }),
			'identity-based',
			/must map condition keys/,
			0,
		],
		[
			'a condition value that is an object',
			doc({ ...allow, Condition: { StringEquals: { 'a:b': { c: 1 } } } }),
			'identity-based',
			/strings, numbers or booleans/,
			0,
		],
		[
			'duplicate Sids',
			doc([
				{ ...allow, Sid: 'A' },
				{ ...allow, Sid: 'A' },
			]),
			'identity-based',
			/must be unique/,
			undefined,
		],
		[
			'an unclosed policy variable',
			doc({ ...allow, Resource: 'arn:aws:s3:::b/${aws:username' }),
			'identity-based',
			/missing its closing brace/,
			0,
		],
		[
			'an empty policy variable',
			doc([allow, { ...allow, Resource: 'arn:aws:s3:::b/${}' }]),
			'identity-based',
			/is empty/,
			1,
		],
		[
			'a default without quotes',
			doc({ ...allow, Resource: 'arn:aws:s3:::b/${aws:username, guest}' }),
			'identity-based',
			/is not valid/,
			0,
		],
	])('rejects %s', (_what, input, type, message, index) => {
		let error: unknown;
		try {
			parsePolicy(input, 'Bad', type);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(PolicyParseError);
		const parseError = error as PolicyParseError;
		expect(parseError.code).toBe('MalformedPolicyDocument');
		expect(parseError.message).toMatch(message);
		expect(parseError.statementIndex).toBe(index);
		if (index !== undefined)
			expect(parseError.message).toMatch(new RegExp(`^Statement ${index}: `));
	});
});
