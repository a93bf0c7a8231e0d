import { describe, expect, it } from 'vitest';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';

/*
 * The shapes issue 17 found the explainer missing in messages people paste. The inputs are variants built
 * around those shapes (constructed); the real messages that carry them are in the corpus.
 */

const ARN = 'arn:aws:sts::123456789012:assumed-role/Dev/ana';

describe('an explicit deny that does not name the kind of policy', () => {
	it.each([
		[
			`User: ${ARN} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k with an explicit deny`,
		],
		[
			`User: ${ARN} is not authorized to perform: s3:GetObject with an explicit deny (Service: Amazon S3)`,
		],
		[
			`User: ${ARN} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k with an explicit deny.`,
		],
		[`"User: ${ARN} is not authorized to perform: s3:GetObject with an explicit deny"`],
	])('reads an explicit deny of unknown type: %s', (text) => {
		const e = explainAwsError(text);
		expect(e).toMatchObject({ principal: ARN, action: 's3:GetObject', denyKind: 'explicit' });
		expect(e.policyType).toBeNull();
		expect(e.summary).toContain('explicit Deny');
	});

	it('still names the type when AWS gives it', () => {
		const e = explainAwsError(
			`User: ${ARN} is not authorized to perform: s3:GetObject with an explicit deny in a session policy`,
		);
		expect(e).toMatchObject({ denyKind: 'explicit', policyType: 'session' });
	});
});

const DECODED = {
	allowed: false,
	explicitDeny: true,
	matchedStatements: { items: [{ statementId: 'NoRun', effect: 'DENY' }] },
	failures: { items: [] },
	context: {
		principal: { id: 'AROAEXAMPLE:ana', arn: ARN },
		action: 'ec2:RunInstances',
		resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
		conditions: { items: [] },
	},
};
const FIELDS = {
	category: 'access-denied',
	principal: ARN,
	action: 'ec2:RunInstances',
	resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
	denyKind: 'explicit',
	policyType: null,
};

describe('a decoded authorization message pasted as JSON', () => {
	const raw = JSON.stringify(DECODED);
	const pretty = JSON.stringify(DECODED, null, 2);
	it.each([
		['raw', raw],
		['pretty-printed', pretty],
		['inside the CLI output', JSON.stringify({ DecodedMessage: raw }, null, 4)],
		['cut short after the resource', pretty.slice(0, pretty.indexOf('"conditions"'))],
		[
			'with string booleans',
			raw.replace('"allowed":false', '"allowed":"false"').replace('true', '"true"'),
		],
		['after some words', `Decoded: ${pretty}`],
	])('reads it %s', (_name, text) => {
		expect(explainAwsError(text)).toMatchObject(FIELDS);
	});

	it('reads an implicit deny and qualifies a bare action with aws:Service', () => {
		const implicit = {
			...DECODED,
			explicitDeny: false,
			context: {
				...DECODED.context,
				action: 'RunInstances',
				conditions: { items: [{ key: 'aws:Service', values: { items: [{ value: 'ec2' }] } }] },
			},
		};
		expect(explainAwsError(JSON.stringify(implicit))).toMatchObject({
			...FIELDS,
			denyKind: 'implicit',
		});
	});

	it.each([
		['an allowed request', JSON.stringify({ ...DECODED, allowed: true })],
		['JSON without a context', '{"allowed":false}'],
	])('does not read %s as a denial', (_name, text) => {
		expect(explainAwsError(text).principal).toBeNull();
	});
});

describe('the action in other places', () => {
	it.each([
		[`User: ${ARN} is not authorized to perform (sts:DecodeAuthorizationMessage) action`],
		[`User: ${ARN} is not authorized to perform: (sts:DecodeAuthorizationMessage)`],
	])('reads an action in parentheses: %s', (text) => {
		expect(explainAwsError(text).action).toBe('sts:DecodeAuthorizationMessage');
	});

	it.each([
		['API: ec2:RunInstances You are not authorized to perform this operation.', 'ec2:RunInstances'],
		[
			'AWS::EC2::VPC VPC CREATE_FAILED: "API: ec2:DescribeVpcs You are not authorized to perform this operation."',
			'ec2:DescribeVpcs',
		],
		[
			'API:ec2:CreateTags You are not authorized to perform this operation. Encoded authorization failure message: abcdefgh12',
			'ec2:CreateTags',
		],
	])('reads EC2 "API: <action>" as CloudFormation prints it: %s', (text, action) => {
		expect(explainAwsError(text)).toMatchObject({ category: 'access-denied', action });
	});
});

describe('principals and resources with placeholders or other partitions', () => {
	it.each([
		['arn:aws:sts::[account id]:assumed-role/Dev/ana'],
		['arn:aws:iam::<ACCOUNT>:user/bob'],
		['arn:aws:iam::<account id>:user/<user name>'],
		['arn:aws:sts::"my account number":assumed-role/Dev/ana'],
		['arn:aws-cn:sts::123456789012:assumed-role/Dev/ana'],
		['arn:aws-us-gov:iam::123456789012:user/bob'],
		['arn:aws-iso-b:iam::123456789012:user/bob'],
		['[redacted]'],
		['<user-arn>'],
	])('reads the principal %s', (principal) => {
		const e = explainAwsError(
			`User: ${principal} is not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::b because no identity-based policy allows the s3:ListBucket action`,
		);
		expect(e).toMatchObject({
			principal,
			resource: 'arn:aws:s3:::b',
			policyType: 'identity-based',
		});
	});

	it.each([
		['arn:aws:dynamodb:eu-west-1:<account id>:table/<table name>', ''],
		['arn:aws:iam::[account id]:role/Admin', ' with an explicit deny'],
		['role MyDeployRole', ' because no identity-based policy allows the iam:GetRole action'],
		['user bob', ''],
		['arn:aws:iam::"their account":role/Reader', '</Message>'],
	])('reads the resource %s', (resource, rest) => {
		const e = explainAwsError(
			`User: ${ARN} is not authorized to perform: iam:GetRole on resource: ${resource}${rest}`,
		);
		expect(e.resource).toBe(resource);
	});

	it('does not let a long run of placeholder openers slow it down', { timeout: 10_000 }, () => {
		for (const opener of ['<', '[', ':"']) {
			const text = `User: ${opener.repeat(10_000)} is not authorized to perform: s3:GetObject on resource: ${opener.repeat(10_000)}`;
			expect(explainAwsError(text).category).toBe('access-denied');
		}
	});
});

describe('wrappers around the sentence', () => {
	const sentence = `User: ${ARN} is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::b" because no identity-based policy allows the s3:ListBucket action`;
	it.each([
		['escaped quotes in a JSON log line', JSON.stringify({ message: sentence })],
		[
			"Terraform's gutter",
			`│ Error: listing\n│ ${sentence.replace(' to perform', '\n│ to perform').replace(' because', '\n│ because')}\n╵`,
		],
		['an indented gutter', sentence.replace(' on resource', '\n  │ on resource')],
	])('reads it through %s', (_name, text) => {
		expect(explainAwsError(text)).toMatchObject({
			principal: ARN,
			action: 's3:ListBucket',
			resource: 'arn:aws:s3:::b',
			denyKind: 'implicit',
			policyType: 'identity-based',
		});
	});
});

describe('non-denial wordings', () => {
	it.each([
		['Access to the resource https://sqs.us-east-1.amazonaws.com/ is denied.', 'access-denied'],
		[
			"OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
			'invalid-identity-token',
		],
		[
			'Missing Authentication Token (Service: AmazonECR; Status Code: 400; Error Code: MissingAuthenticationTokenException)',
			'invalid-credentials',
		],
		[
			{ name: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
			'invalid-credentials',
		],
		['CredentialsError: Missing credentials in config', 'invalid-credentials'],
	])('classifies %s', (text, category) => {
		expect(explainAwsError(text).category).toBe(category);
	});
});
