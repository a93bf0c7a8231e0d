import { describe, expect, it } from 'vitest';
import { parseDecodedAuthorizationMessage } from '../../../src/lib/inspector/decode-message';

const context = {
	principal: {
		id: 'AROAEXAMPLE:fedplay-alice',
		arn: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
	},
	action: 's3:GetObject',
	resource: 'arn:aws:s3:::fedplay-game-data/players/bob/profile.json',
};

describe('parseDecodedAuthorizationMessage', () => {
	it('reads the shape STS returns, with items wrappers', () => {
		const decoded = parseDecodedAuthorizationMessage(
			JSON.stringify({
				allowed: false,
				explicitDeny: true,
				matchedStatements: {
					items: [{ statementId: 'NoWrites', effect: 'DENY', policy: 'session-policy' }],
				},
				failures: { items: [] },
				context: {
					...context,
					conditions: {
						items: [{ key: 'localhost:4000:sub', values: { items: [{ value: 'alice' }] } }],
					},
				},
			}),
		);
		expect(decoded).toEqual({
			allowed: false,
			explicitDeny: true,
			matchedStatements: [{ statementId: 'NoWrites', effect: 'DENY', policy: 'session-policy' }],
			principal: context.principal,
			action: 's3:GetObject',
			resource: context.resource,
			conditions: [{ key: 'localhost:4000:sub', values: ['alice'] }],
		});
	});

	it('tolerates string booleans, single items, bare arrays and trailing commas', () => {
		// constructed: the quirks of AWS's documented example ("false" as strings), plus a trailing comma.
		const decoded = parseDecodedAuthorizationMessage(
			`{"allowed":"false","explicitDeny":"false","matchedStatements":"","context":{"action":"ec2:RunInstances","conditions":{"item":{"key":"ec2:Region","values":["us-east-1"]}},},}`,
		);
		expect(decoded).toMatchObject({
			allowed: false,
			explicitDeny: false,
			matchedStatements: [],
			action: 'ec2:RunInstances',
			conditions: [{ key: 'ec2:Region', values: ['us-east-1'] }],
		});
	});

	it.each([
		['not JSON', 'nope'],
		['a JSON string', '"x"'],
		['empty', ''],
	])('returns null for %s', (_name, raw) => {
		expect(parseDecodedAuthorizationMessage(raw)).toBeNull();
	});
});
