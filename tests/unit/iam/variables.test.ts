import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../../src/lib/iam';
import { decide, request } from './helpers';

const BUCKET = 'arn:aws:s3:::fedplay-data';

describe('policy variables in Resource', () => {
	it.each([
		['${localhost:4000:sub}', { 'localhost:4000:sub': 'alice' }, 'players/alice/x', true],
		['${localhost:4000:sub}', { 'localhost:4000:sub': 'bob' }, 'players/alice/x', false],
		['${LOCALHOST:4000:SUB}', { 'localhost:4000:sub': 'alice' }, 'players/alice/x', true],
		['${accounts.google.com:sub}', { 'accounts.google.com:sub': 'alice' }, 'players/alice/x', true],
		['${aws:username}', { 'aws:username': 'alice' }, 'players/alice/x', true],
		['${aws:username}', {}, 'players/alice/x', false],
		["${aws:username, 'alice'}", {}, 'players/alice/x', true],
		["${ aws:username , 'alice' }", {}, 'players/alice/x', true],
		["${aws:username, 'guest'}", { 'aws:username': 'alice' }, 'players/alice/x', true],
		["${aws:username, 'o''brien'}", {}, "players/o'brien/x", true],
		// Multivalued keys cannot be variables.
		['${aws:TagKeys}', { 'aws:TagKeys': ['alice'] }, 'players/alice/x', false],
	])('players/%s/* with %j covers %s: %s', (variable, context, key, allowed) => {
		const statement = {
			Effect: 'Allow',
			Action: 's3:GetObject',
			Resource: `${BUCKET}/players/${variable}/*`,
		};
		const decision = decide([statement], request({ context, resource: `${BUCKET}/${key}` }));
		expect(decision.decision).toBe(allowed ? 'allow' : 'deny');
	});

	it.each([
		['${*}', 'players/*', true],
		['${*}', 'players/anything', false],
		['${?}', 'players/?', true],
		['${?}', 'players/a', false],
		['${$}', 'players/$', true],
	])('escape %s matches only the literal character (%s: %s)', (escape, key, allowed) => {
		const statement = { Effect: 'Allow', Action: '*', Resource: `${BUCKET}/players/${escape}` };
		expect(decide([statement], request({ resource: `${BUCKET}/${key}` })).decision).toBe(
			allowed ? 'allow' : 'deny',
		);
	});

	it('treats a substituted value as literal, so a sub of `*` does not match other players', () => {
		const statement = { Effect: 'Allow', Action: '*', Resource: `${BUCKET}/players/\${idp:sub}/*` };
		const req = request({ context: { 'idp:sub': '*' }, resource: `${BUCKET}/players/bob/x` });
		expect(decide([statement], req).decision).toBe('deny');
	});

	it('decides each player by their own value when one parsed policy serves many, twice over', () => {
		// One policy object, as the gateway keeps it: resolutions are remembered per value, evicted past a
		// thousand, and not remembered at all for long values; none of that may leak one player's pattern.
		const policy = parsePolicy(
			{
				Version: '2012-10-17',
				Statement: { Effect: 'Allow', Action: '*', Resource: `${BUCKET}/players/\${idp:sub}/*` },
			},
			'Shared',
			'identity-based',
		);
		const subs = [...Array.from({ length: 1200 }, (_, i) => `p${i}`), 'x'.repeat(600), '*', '?'];
		const decision = (sub: string, key: string) =>
			evaluate(request({ context: { 'idp:sub': sub }, resource: `${BUCKET}/${key}` }), {
				identity: [policy],
			}).decision;
		const wrong = [...subs, ...subs].filter(
			(sub) =>
				decision(sub, `players/${sub}/a`) !== 'allow' ||
				decision(sub, `players/${sub}x/a`) !== 'deny',
		);
		expect(wrong).toEqual([]);
	});

	it('does not substitute twice', () => {
		const statement = { Effect: 'Allow', Action: '*', Resource: `${BUCKET}/\${a:x}` };
		const req = request({ context: { 'a:x': '${a:y}', 'a:y': 'z' }, resource: `${BUCKET}/z` });
		expect(decide([statement], req).decision).toBe('deny');
		expect(decide([statement], { ...req, resource: `${BUCKET}/\${a:y}` }).decision).toBe('allow');
	});

	it('leaves ${…} as plain text in Version 2008-10-17 documents', () => {
		const policy = parsePolicy(
			{
				Version: '2008-10-17',
				Statement: { Effect: 'Allow', Action: '*', Resource: `${BUCKET}/\${a:x}` },
			},
			'Old',
			'identity-based',
		);
		const literal = request({ context: { 'a:x': 'v' }, resource: `${BUCKET}/\${a:x}` });
		expect(evaluate(literal, { identity: [policy] }).decision).toBe('allow');
		expect(evaluate({ ...literal, resource: `${BUCKET}/v` }, { identity: [policy] }).decision).toBe(
			'deny',
		);
	});
});

describe('policy variables in condition values', () => {
	const statement = (values: string[]) => ({
		Effect: 'Allow',
		Action: 's3:ListBucket',
		Resource: BUCKET,
		Condition: { StringLike: { 's3:prefix': values } },
	});
	const list = (context: Record<string, string>) =>
		request({ action: 's3:ListBucket', resource: BUCKET, context });

	it.each([
		[['players/${idp:sub}/*'], { 'idp:sub': 'alice', 's3:prefix': 'players/alice/saves/' }, true],
		[['players/${idp:sub}/*'], { 'idp:sub': 'alice', 's3:prefix': 'players/bob/' }, false],
		[['players/${idp:sub}/*'], { 's3:prefix': 'players/alice/' }, false],
		[['players/${idp:sub}/*', 'public/*'], { 's3:prefix': 'public/x' }, true],
		[["players/${idp:sub, 'guest'}/*"], { 's3:prefix': 'players/guest/x' }, true],
		[['players/${*}'], { 's3:prefix': 'players/*' }, true],
		[['players/${*}'], { 's3:prefix': 'players/x' }, false],
	])('StringLike s3:prefix %j with %j: %s', (values, context, allowed) => {
		expect(decide([statement(values)], list(context)).decision).toBe(allowed ? 'allow' : 'deny');
	});

	it('does not let an unresolved variable widen a negated operator', () => {
		const deny = {
			Effect: 'Allow',
			Action: '*',
			Resource: '*',
			Condition: { StringNotEquals: { 'a:owner': '${aws:username}' } },
		};
		expect(decide([deny], request({ context: { 'a:owner': 'bob' } })).decision).toBe('deny');
		expect(
			decide([deny], request({ context: { 'a:owner': 'bob', 'aws:username': 'alice' } })).decision,
		).toBe('allow');
	});
});
