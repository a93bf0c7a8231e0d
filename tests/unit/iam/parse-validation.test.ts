/**
 * What IAM refuses when a policy is created, refused by `parsePolicy` in IAM's words (the messages of its
 * `MalformedPolicyDocument` errors), after the statement and its Sid. IAM User Guide, "Grammar of the IAM JSON
 * policy language" (notes on `action_string`, `resource_string`, `principal_id_string`, `sid_string`; "Individual
 * elements must not contain multiple instances of the same key"), "IAM JSON policy elements: Principal" ("You
 * cannot use a wildcard to match part of a principal name or ARN") and "IAM and AWS STS quotas" (the characters a
 * policy document can contain).
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyParseError, type PolicyType } from '../../../src/lib/iam';
import { ACCOUNT } from './helpers';

const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const doc = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] });
const bucketStatement = (principal: unknown) => ({ ...allow, Principal: principal });
const trustStatement = (extra: object) => ({
	Effect: 'Allow',
	Principal: { AWS: ACCOUNT },
	Action: 'sts:AssumeRole',
	...extra,
});

function refusal(input: unknown, type: PolicyType): PolicyParseError {
	try {
		parsePolicy(input, 'Bad', type);
	} catch (error) {
		if (error instanceof PolicyParseError) return error;
		throw error;
	}
	throw new Error('parsePolicy accepted the policy');
}

describe('Action: a service namespace without wildcards, one colon, an action name', () => {
	const vendors = 'Action vendors (e.g., aws, ec2, etc.) must not contain wildcards.';
	const prefaced = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
	it.each([
		['*:Get*', vendors],
		['*:*', vendors],
		['s?:GetObject', vendors],
		['s3*:GetObject', vendors],
		['s3:Get:Object', 'Actions/Condition can contain only one colon.'],
		['GetObject', prefaced],
		['', prefaced],
		['s3:', prefaced],
		[':GetObject', prefaced],
		['s 3:GetObject', prefaced],
	])('refuses Action %j: %s', (action, message) => {
		for (const element of ['Action', 'NotAction']) {
			const error = refusal(
				doc({ Effect: 'Allow', [element]: ['s3:PutObject', action], Resource: '*' }),
				'identity-based',
			);
			expect(error.detail).toBe(`${message} Action: ${JSON.stringify(action)}.`);
			expect(error.message).toBe(`Statement 0: ${error.detail}`);
		}
	});

	it.each(['*', 's3:*', 's3:Get*', 'S3:GETOBJECT', 'execute-api:Invoke', 's3:*Object?'])(
		'accepts Action %j',
		(action) => {
			expect(() =>
				parsePolicy(doc({ ...allow, Action: action }), 'P', 'identity-based'),
			).not.toThrow();
		},
	);
});

describe('Resource: "*" or an ARN of six segments in a partition AWS has', () => {
	it.each([
		['foo', 'Resource foo must be in ARN format or "*".'],
		['', 'Resource  must be in ARN format or "*".'],
		['arn:aws:s3', 'Resource arn:aws:s3 must be in ARN format or "*".'],
		['arn:aws:*', 'Resource arn:aws:* must be in ARN format or "*".'],
		['arn:aws:s3:fedplay-data', 'Resource arn:aws:s3:fedplay-data must be in ARN format or "*".'],
		['**', 'Resource ** must be in ARN format or "*".'],
		['arn:aws::::x', 'Resource arn:aws::::x must be in ARN format or "*".'],
		['ARN:aws:s3:::b', 'Resource ARN:aws:s3:::b must be in ARN format or "*".'],
		['arn:aws2:s3:::b', 'Partition "aws2" is not valid for resource "arn:aws2:s3:::b".'],
		// As IAM answered a template whose substitution was forgotten (cloudera-labs/cloudera.exe#112).
		[
			'arn:${ARN_PARTITION}:s3:::b',
			'Partition "${ARN_PARTITION}" is not valid for resource "arn:${ARN_PARTITION}:s3:::b".',
		],
		['arn:*:s3:::b', 'Partition "*" is not valid for resource "arn:*:s3:::b".'],
		[
			`arn:aws:iam:us-east-1:${ACCOUNT}:role/r`,
			`IAM resource arn:aws:iam:us-east-1:${ACCOUNT}:role/r cannot contain region information.`,
		],
	])('refuses Resource %j: %s', (resource, message) => {
		for (const element of ['Resource', 'NotResource']) {
			const error = refusal(doc({ Effect: 'Allow', Action: '*', [element]: resource }), 'session');
			expect(error.detail).toBe(message);
		}
	});

	it.each([
		'*',
		'arn:aws:s3:::fedplay-data',
		'arn:aws:s3:::*',
		'arn:aws:s3:::fedplay-data/players/${aws:username}/*',
		'arn:aws:s3:::b/${localhost:4000:sub}/*',
		`arn:aws:dynamodb:*:*:table/GameScores`,
		`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/GameScores/index/*`,
		'arn:aws-cn:s3:::b',
		'arn:aws-us-gov:s3:::b',
		`arn:aws:iam::${ACCOUNT}:role/*`,
		'arn:aws:sqs:us-east-1:123456789012:queue:with:colons',
	])('accepts Resource %j', (resource) => {
		expect(() =>
			parsePolicy(doc({ ...allow, Resource: resource }), 'P', 'identity-based'),
		).not.toThrow();
	});
});

describe('Principal: no wildcard inside a name, and only principals IAM knows', () => {
	it.each<[string, unknown]>([
		['AWS', `arn:aws:iam::${ACCOUNT}:role/*`],
		['AWS', `arn:aws:iam::${ACCOUNT}:*`],
		['AWS', `arn:aws:sts::${ACCOUNT}:assumed-role/FedplayPlayer/*`],
		['AWS', `arn:aws:iam::${ACCOUNT}:group/players`],
		['AWS', `arn:aws:iam::${ACCOUNT}:role/`],
		['AWS', 'arn:aws:iam::12345:root'],
		['AWS', `arn:aws:iam:us-east-1:${ACCOUNT}:root`],
		['AWS', `arn:aws:s3:::${ACCOUNT}`],
		['AWS', '12345'],
		['AWS', 'alice'],
		['AWS', ''],
		['AWS', '12345678901*'],
		['AWS', `arn:aws:iam::${ACCOUNT}:user/${'${aws:username}'}`],
		['Federated', '*'],
		['Federated', `arn:aws:iam::${ACCOUNT}:oidc-provider/*`],
		['Federated', `arn:aws:iam::${ACCOUNT}:role/r`],
		['Federated', 'not a host'],
		['Service', '*'],
		['Service', '*.amazonaws.com'],
		['Service', 'lambda'],
		['CanonicalUser', 'abc'],
	])('refuses %s %j', (kind, id) => {
		for (const element of ['Principal', 'NotPrincipal']) {
			const statement = {
				Effect: 'Deny',
				[element]: { [kind]: id },
				Action: 's3:*',
				Resource: '*',
			};
			const error = refusal(doc(statement), 'resource-based');
			expect(error.detail).toBe(`Invalid principal in policy: "${kind}":"${id as string}"`);
		}
	});

	it.each<[string, string]>([
		['AWS', '*'],
		['AWS', ACCOUNT],
		['AWS', `arn:aws:iam::${ACCOUNT}:root`],
		['AWS', `arn:aws:iam::${ACCOUNT}:user/alice`],
		['AWS', `arn:aws:iam::${ACCOUNT}:role/game/FedplayPlayer`],
		['AWS', `arn:aws:sts::${ACCOUNT}:assumed-role/FedplayPlayer/alice`],
		['AWS', `arn:aws:sts::${ACCOUNT}:federated-user/alice`],
		['AWS', 'AROAEXAMPLEEXAMPLE1234'],
		['Federated', 'accounts.google.com'],
		['Federated', `arn:aws:iam::${ACCOUNT}:oidc-provider/localhost:4000`],
		['Federated', `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`],
		['Service', 'lambda.amazonaws.com'],
		['CanonicalUser', 'a'.repeat(64)],
	])('accepts %s %j', (kind, id) => {
		expect(() =>
			parsePolicy(doc(bucketStatement({ [kind]: id })), 'P', 'resource-based'),
		).not.toThrow();
	});
});

describe('the rest of a statement', () => {
	it.each<[string, object, PolicyType, string]>([
		[
			'a trust policy with another service’s action',
			trustStatement({ Action: ['sts:AssumeRole', 's3:GetObject'] }),
			'trust',
			'AssumeRole policy may only specify STS AssumeRole actions. Action: "s3:GetObject".',
		],
		[
			'a condition key without its vendor',
			{ ...allow, Condition: { StringLike: { prefix: 'players/*' } } },
			'identity-based',
			'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. Condition key: "prefix".',
		],
		[
			'a Sid with a space in an IAM policy',
			{ ...allow, Sid: 'Own objects' },
			'identity-based',
			'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
		],
		[
			'a Sid with a dash in a trust policy',
			trustStatement({ Sid: 'organizers-only' }),
			'trust',
			'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
		],
		['a Sid that is a number', { ...allow, Sid: 7 }, 'session', 'Sid must be a string.'],
	])('refuses %s', (_what, statement, type, message) => {
		expect(refusal(doc(statement), type).detail).toBe(message);
	});

	it.each<[string, object, PolicyType]>([
		[
			'every STS action in a trust policy',
			trustStatement({ Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }),
			'trust',
		],
		['sts:* in a trust policy', trustStatement({ Action: 'sts:*' }), 'trust'],
		[
			'a Sid with spaces in a bucket policy (S3 allows more)',
			{ ...bucketStatement('*'), Sid: 'Own objects' },
			'resource-based',
		],
		[
			'condition keys of web identity and tags',
			{
				...allow,
				Condition: { StringEquals: { 'localhost:4000:sub': 'a', 'aws:PrincipalTag/team': 'red' } },
			},
			'identity-based',
		],
	])('accepts %s', (_what, statement, type) => {
		expect(() => parsePolicy(doc(statement), 'P', type)).not.toThrow();
	});

	it('names the statement by its index and Sid', () => {
		const error = refusal(
			{
				Version: '2012-10-17',
				Statement: [allow, { ...allow, Sid: 'OwnScores', Action: 'dynamodb*:Query' }],
			},
			'identity-based',
		);
		expect(error).toMatchObject({
			statementIndex: 1,
			sid: 'OwnScores',
			code: 'MalformedPolicyDocument',
		});
		expect(error.message).toBe(
			'Statement 1 (OwnScores): Action vendors (e.g., aws, ec2, etc.) must not contain wildcards. Action: "dynamodb*:Query".',
		);
	});
});

describe('the document as a whole', () => {
	it.each([
		[
			'Effect twice, Deny then Allow',
			'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Effect":"Allow"}]}',
			'Effect',
		],
		[
			'a key spelt with an escape',
			'{"Statement":{"Effect":"Allow","Eff\\u0065ct":"Deny","Action":"*","Resource":"*"}}',
			'Effect',
		],
		[
			'Statement twice',
			'{"Statement":[],"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
			'Statement',
		],
		[
			'a condition key twice',
			'{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a:b":"x","a:b":"y"}}}}',
			'a:b',
		],
	])('refuses %s: the key is named', (_what, text, key) => {
		const error = refusal(text, 'session');
		expect(error.detail).toBe(
			`Syntax errors in policy: the key ${JSON.stringify(key)} appears twice in one element.`,
		);
	});

	it.each([
		[
			'the same key in two statements',
			'{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
		],
		[
			'a key in a value string',
			'{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Sid":"Effect"}}',
		],
		[
			'keys that differ by case',
			'{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a:b":"x","A:B":"y"}}}}',
		],
		[
			'quotes and brackets inside strings',
			'{"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/\\"{[,\\"","Condition":{"StringEquals":{"a:b":"{\\"a:b\\":1}"}}}}',
		],
	])('accepts %s', (_what, text) => {
		expect(() => parsePolicy(text, 'P', 'session')).not.toThrow();
	});

	it.each([
		['a CJK character', 'arn:aws:s3:::b/日本', 'U+65E5'],
		['an emoji', 'arn:aws:s3:::b/😀', 'U+1F600'],
		['a control character', 'arn:aws:s3:::b/\u0001', 'U+0001'],
		['a line separator', 'arn:aws:s3:::b/\u2028', 'U+2028'],
	])('refuses %s, which IAM does not take in a policy document', (_what, resource, code) => {
		const error = refusal(doc({ ...allow, Resource: resource }), 'identity-based');
		expect(error.detail).toBe(
			`Policy documents can contain only tab, line feed, carriage return and the characters U+0020 to U+00FF, not ${code}.`,
		);
	});

	it('accepts Latin-1 and tabs, line feeds and carriage returns', () => {
		const statement = {
			...allow,
			Resource: 'arn:aws:s3:::b/été\tñ',
			Condition: { StringEquals: { 'a:b': 'x\r\ny' } },
		};
		expect(() => parsePolicy(doc(statement), 'P', 'identity-based')).not.toThrow();
	});
});
