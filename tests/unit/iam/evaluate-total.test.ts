/**
 * `evaluate` on policies built by hand rather than by `parsePolicy` — which IAM might have refused — never throws,
 * and nothing IAM would refuse widens a decision: an Action or Resource value that can match nothing matches
 * nothing, a Not… element holding one does not apply, and a statement IAM would refuse as a whole applies to
 * nothing (src/lib/iam/read.ts).
 */
import { describe, expect, it } from 'vitest';
import {
	evaluate,
	parsePolicy,
	type AuthzRequest,
	type NamedPolicy,
	type PolicyDocument,
	type PolicyType,
} from '../../../src/lib/iam';
import { ACCOUNT, PRINCIPAL, request } from './helpers';

const OBJECT = 'arn:aws:s3:::fedplay-data/players/alice/profile.json';

/** A policy as a caller might build it, unchecked. */
const handmade = (document: unknown, type: PolicyType = 'identity-based'): NamedPolicy => ({
	name: 'Hand',
	type,
	document: document as PolicyDocument,
});
const statements = (...list: unknown[]) => ({ Version: '2012-10-17', Statement: list });
const everything = parsePolicy(
	statements({ Effect: 'Allow', Action: '*', Resource: '*' }),
	'Role',
	'identity-based',
);

describe('a hand-built identity-based policy with values IAM would refuse', () => {
	it.each<[string, 'allow' | 'deny', unknown]>([
		[
			'Action *:Get* (a wildcard vendor)',
			'deny',
			{ Effect: 'Allow', Action: '*:Get*', Resource: '*' },
		],
		['Action *:*', 'deny', { Effect: 'Allow', Action: '*:*', Resource: '*' }],
		[
			'Action s3:Get:* (two colons)',
			'deny',
			{ Effect: 'Allow', Action: 's3:Get:*', Resource: '*' },
		],
		['Action ""', 'deny', { Effect: 'Allow', Action: '', Resource: '*' }],
		[
			'Action [*:Get*, s3:GetObject]: the usable one still allows',
			'allow',
			{ Effect: 'Allow', Action: ['*:Get*', 's3:GetObject'], Resource: '*' },
		],
		['NotAction *:Put*', 'deny', { Effect: 'Allow', NotAction: '*:Put*', Resource: '*' }],
		[
			'NotAction [s3:PutObject, ""]',
			'deny',
			{ Effect: 'Allow', NotAction: ['s3:PutObject', ''], Resource: '*' },
		],
		[
			'Resource arn:aws:* (four segments)',
			'deny',
			{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*' },
		],
		['Resource arn:*', 'deny', { Effect: 'Allow', Action: '*', Resource: 'arn:*' }],
		['Resource **', 'deny', { Effect: 'Allow', Action: '*', Resource: '**' }],
		['Resource ""', 'deny', { Effect: 'Allow', Action: '*', Resource: '' }],
		[
			'Resource arn:*:s3:::* (no partition)',
			'deny',
			{ Effect: 'Allow', Action: '*', Resource: 'arn:*:s3:::*' },
		],
		[
			'Resource with an unclosed variable',
			'deny',
			{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::fedplay-data/${aws:username' },
		],
		[
			'Resource ["", the object]: the usable one still allows',
			'allow',
			{ Effect: 'Allow', Action: '*', Resource: ['', 'arn:aws:s3:::fedplay-data/*'] },
		],
		['NotResource arn:aws:*', 'deny', { Effect: 'Allow', Action: '*', NotResource: 'arn:aws:*' }],
		[
			'NotResource [another bucket, **]',
			'deny',
			{ Effect: 'Allow', Action: '*', NotResource: ['arn:aws:s3:::other/*', '**'] },
		],
	])('%s: %s', (_what, expected, statement) => {
		const policies = { identity: [handmade(statements(statement))] };
		expect(() => evaluate(request(), policies)).not.toThrow();
		expect(evaluate(request(), policies).decision).toBe(expected);
	});

	it('lets a Deny whose values all match nothing deny nothing, and one with a usable value still deny', () => {
		const deny = (action: unknown) =>
			handmade(statements({ Effect: 'Deny', Action: action, Resource: '*' }));
		expect(evaluate(request(), { identity: [everything, deny('*:*')] }).decision).toBe('allow');
		expect(evaluate(request(), { identity: [everything, deny(['*:*', 's3:Get*'])] })).toMatchObject(
			{
				decision: 'deny',
				denyKind: 'explicit',
			},
		);
	});
});

describe('a hand-built policy IAM would refuse as a whole, or in part', () => {
	const allowGet = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
	it.each<[string, 'allow' | 'deny', unknown]>([
		['no document', 'deny', null],
		['a string', 'deny', 'not a policy'],
		['an array', 'deny', [allowGet]],
		['no Statement', 'deny', { Version: '2012-10-17' }],
		['a Statement that is a string', 'deny', { Statement: 'x' }],
		['a single statement object', 'allow', { Statement: allowGet }],
		[
			'statements that are not objects, then a good one',
			'allow',
			statements(null, 1, 'x', [allowGet], allowGet),
		],
		[
			'a statement without Effect, then a good one',
			'allow',
			statements({ Action: '*', Resource: '*' }, allowGet),
		],
		['Effect "allow"', 'deny', statements({ ...allowGet, Effect: 'allow' })],
		[
			'Action and NotAction together',
			'deny',
			statements({ ...allowGet, NotAction: 's3:PutObject' }),
		],
		['no Resource', 'deny', statements({ Effect: 'Allow', Action: '*' })],
		[
			'a Principal in an identity-based policy',
			'deny',
			statements({ ...allowGet, Principal: '*' }),
		],
		[
			'an unknown condition operator',
			'deny',
			statements({ ...allowGet, Condition: { StringEqual: { 'a:b': 'c' } } }),
		],
		[
			'a condition of objects',
			'deny',
			statements({ ...allowGet, Condition: { StringEquals: { 'a:b': { c: 1 } } } }),
		],
		['an unknown element', 'deny', statements({ ...allowGet, Resources: '*' })],
		[
			'a bad Version (the statements are still read)',
			'allow',
			{ Version: '2012-10-18', Statement: [allowGet] },
		],
		[
			'duplicate Sids (the statements are still read)',
			'allow',
			statements({ ...allowGet, Sid: 'A' }, { ...allowGet, Sid: 'A' }),
		],
	])('%s: %s', (_what, expected, document) => {
		const policies = { identity: [handmade(document)] };
		expect(() => evaluate(request(), policies)).not.toThrow();
		expect(evaluate(request(), policies).decision).toBe(expected);
	});

	it('reports statements by their index in the document as written', () => {
		const decision = evaluate(request(), {
			identity: [handmade(statements(null, { Action: '*' }, { ...allowGet, Sid: 'Third' }))],
		});
		expect(decision.decidingStatement).toMatchObject({ index: 2, sid: 'Third' });
	});
});

describe('a hand-built resource-based policy with a principal IAM would refuse', () => {
	const bucket = (element: string, principal: unknown, effect = 'Allow') =>
		handmade(
			statements({ Effect: effect, [element]: principal, Action: 's3:GetObject', Resource: '*' }),
			'resource-based',
		);
	const session = PRINCIPAL;

	it.each<[string, 'allow' | 'deny', NamedPolicy, NamedPolicy[]]>([
		[
			'Principal role/* names no one',
			'deny',
			bucket('Principal', { AWS: `arn:aws:iam::${ACCOUNT}:role/*` }),
			[],
		],
		[
			'Principal [role/*, the session]: the session is still named',
			'allow',
			bucket('Principal', { AWS: [`arn:aws:iam::${ACCOUNT}:role/*`, session] }),
			[],
		],
		[
			'a Deny for everyone but an id IAM would refuse does not apply',
			'allow',
			bucket('NotPrincipal', { AWS: `arn:aws:iam::${ACCOUNT}:role/*` }, 'Deny'),
			[everything],
		],
		[
			'an Allow for everyone but an id IAM would refuse does not apply',
			'deny',
			bucket('NotPrincipal', { AWS: 'nobody' }),
			[],
		],
	])('%s: %s', (_what, expected, resourcePolicy, identity) => {
		expect(evaluate(request(), { identity, resource: [resourcePolicy] }).decision).toBe(expected);
	});
});

describe('a request context with values of the wrong type', () => {
	it('leaves them out instead of failing', () => {
		const req = {
			...request(),
			context: { 'aws:SourceIp': 12, 'dynamodb:LeadingKeys': ['alice', 3, null], 'a:b': { x: 1 } },
		} as unknown as AuthzRequest;
		const policy = parsePolicy(
			statements({
				Effect: 'Allow',
				Action: '*',
				Resource: OBJECT,
				Condition: {
					'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': 'alice' },
					Null: { 'aws:SourceIp': 'true', 'a:b': 'true' },
				},
			}),
			'P',
			'identity-based',
		);
		expect(evaluate(req, { identity: [policy] }).decision).toBe('allow');
	});
});
