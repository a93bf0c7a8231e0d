import { describe, expect, it } from 'vitest';
import { profileKey } from '../../../src/lib/game/profile';
import { playerPartition } from '../../../src/lib/config/data-layout';
import { evaluate } from '../../../src/lib/iam';
import {
	checkSessionPolicy,
	POLICY_PRESETS,
	presetJson,
	SESSION_POLICY_MAX,
} from '../../../src/lib/inspector/presets';
import { knownPolicySet, roleFromTemplate } from '../../../src/lib/inspector/role-policies';
import { config, ROLE } from './session-config';

const role = roleFromTemplate(config, ROLE);
const principal = 'arn:aws:sts::123456789012:assumed-role/fedplay-player/alice';
const alice = { segment: 'oidc1', id: 'alice' };
const base = { 'localhost:4000:sub': 'alice' };
const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores';
const calls = {
	profileRead: {
		action: 's3:GetObject',
		resource: `arn:aws:s3:::fedplay-game-data/${profileKey(alice)}`,
		context: base,
	},
	scoreWrite: {
		action: 'dynamodb:PutItem',
		resource: table,
		context: { ...base, 'dynamodb:LeadingKeys': [playerPartition(alice)] },
	},
	leaderboard: {
		action: 'dynamodb:Query',
		resource: `${table}/index/GameTitleIndex`,
		context: {
			...base,
			'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
			'dynamodb:Attributes': ['DisplayName', 'TopScore', 'TopScoreDateTime'],
		},
	},
	whoAmI: { action: 'sts:DecodeAuthorizationMessage', resource: '*', context: base },
};

function decide(presetId: string, call: keyof typeof calls): string {
	const preset = POLICY_PRESETS.find((p) => p.id === presetId);
	if (!preset) throw new Error(presetId);
	const policies = knownPolicySet(role, presetJson(preset));
	const { decision, denyKind } = evaluate({ principal, ...calls[call] }, policies);
	return decision === 'allow' ? 'allow' : `${denyKind} deny`;
}

describe('session policy presets', () => {
	it.each(POLICY_PRESETS.map((p) => [p.id, p] as const))('%s is a valid session policy', (_, p) => {
		const check = checkSessionPolicy(presetJson(p));
		expect(check.ok).toBe(true);
	});

	it.each([
		['read-only', 'profileRead', 'allow'],
		['read-only', 'scoreWrite', 'implicit deny'],
		['read-only', 'leaderboard', 'allow'],
		['no-profile-read', 'profileRead', 'implicit deny'],
		['no-profile-read', 'scoreWrite', 'allow'],
		['no-leaderboard', 'leaderboard', 'explicit deny'],
		['no-leaderboard', 'profileRead', 'allow'],
		['s3-only', 'scoreWrite', 'implicit deny'],
		['s3-only', 'profileRead', 'allow'],
	] as const)('%s: %s → %s with the role policy', (preset, call, expected) => {
		expect(decide(preset, call)).toBe(expected);
	});

	it.each(POLICY_PRESETS.map((p) => [p.id] as const))(
		'%s keeps the inspector able to decode denials',
		(preset) => {
			expect(decide(preset, 'whoAmI')).toBe('allow');
		},
	);
});

describe('checkSessionPolicy', () => {
	it.each([
		['{"Version":', /Not valid JSON/],
		[
			'{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}',
			/Effect/,
		],
		['[]', /./],
	])('refuses %s with a readable error', (text, error) => {
		const check = checkSessionPolicy(text);
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.error).toMatch(error);
	});

	it('refuses a policy longer than STS allows, counting the minified document', () => {
		const actions = Array.from({ length: 200 }, (_, i) => `s3:Action${i}`);
		const text = JSON.stringify({
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
		});
		const check = checkSessionPolicy(text);
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.error).toContain(String(SESSION_POLICY_MAX));
	});

	it('sends the minified document', () => {
		const check = checkSessionPolicy(presetJson(POLICY_PRESETS[0]!));
		expect(check.ok && check.minified.includes('\n')).toBe(false);
	});
});
