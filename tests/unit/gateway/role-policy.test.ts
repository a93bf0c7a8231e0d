/**
 * The player role's policy, as the gateway evaluates it, for requests the gateway's own checks would never
 * let through — what AWS would decide if such a request reached IAM. ForAllValues is TRUE when the key is
 * absent (IAM User Guide, "Single-valued vs. multivalued context keys"), so a table statement conditioned
 * only on `ForAllValues:StringEquals dynamodb:LeadingKeys` allows any listed action whose request carries
 * no partition key at all.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/lib/iam';
import { loadInfra, policySetFor } from '../../../sandbox/infra';

const infra = loadInfra({
	accountId: '123456789012',
	region: 'us-east-1',
	providers: [{ url: 'http://localhost:4000', clientId: 'fedplay-web' }],
	bucketName: 'fedplay-game-data',
	tableName: 'GameScores',
});
const policies = policySetFor(infra, { roleArn: infra.roles[0]!.arn });
const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores';

function decide(
	action: string,
	context: Record<string, string | string[]>,
	resource: string = tableArn,
) {
	return evaluate(
		{
			principal: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
			action,
			resource,
			context: { 'localhost:4000:sub': 'alice', ...context },
		},
		policies,
	).decision;
}

describe('the player role on the scores table', () => {
	it.each(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem'])(
		'allows %s on her own partition and denies it on his',
		(action) => {
			expect(decide(action, { 'dynamodb:LeadingKeys': ['oidc1/alice'] })).toBe('allow');
			expect(decide(action, { 'dynamodb:LeadingKeys': ['oidc1/alice', 'oidc1/bob'] })).toBe('deny');
			// The same sub at the other provider, and the old layout's bare sub, are not hers.
			expect(decide(action, { 'dynamodb:LeadingKeys': ['oidc2/alice'] })).toBe('deny');
			expect(decide(action, { 'dynamodb:LeadingKeys': ['alice'] })).toBe('deny');
		},
	);

	// ForAllValues on an absent key is true, so OwnScores carries `"Null": { "dynamodb:LeadingKeys": "false" }`.
	// The gateway refuses such requests itself, but on AWS the policy alone decides.
	it.each(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'])(
		'denies %s whose request carries no partition key (ForAllValues on an absent key is true)',
		(action) => {
			expect(decide(action, {})).toBe('deny');
		},
	);
});

describe('the player role on the leaderboard index', () => {
	const index = `${tableArn}/index/GameTitleIndex`;
	const specific = { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' };

	it('allows a Query for the public attributes only', () => {
		const attributes = ['GameTitle', 'TopScore', 'DisplayName'];
		expect(
			decide('dynamodb:Query', { ...specific, 'dynamodb:Attributes': attributes }, index),
		).toBe('allow');
		expect(
			decide(
				'dynamodb:Query',
				{ ...specific, 'dynamodb:Attributes': ['TopScore', 'UserId'] },
				index,
			),
		).toBe('deny');
	});

	// ForAllValues on an absent key is true, so Leaderboard carries `"Null": { "dynamodb:Attributes": "false" }`:
	// a request that names no attribute reads every projected one, UserId included.
	it.each([{ ...specific }, { ...specific, 'dynamodb:Attributes': [] }])(
		'denies a Query that names no attribute (%j)',
		(context) => {
			expect(decide('dynamodb:Query', context, index)).toBe('deny');
		},
	);
});
