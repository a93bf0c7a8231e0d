import { parsePolicy, PolicyParseError } from '../iam';

/**
 * Scope-down session policies for the playground. A session policy can only take permissions away: the
 * session gets the intersection of the role's policies and this one. Every preset keeps
 * sts:GetCallerIdentity and sts:DecodeAuthorizationMessage, so the inspector can still explain denials.
 */

interface PolicyPreset {
	id: string;
	label: string;
	/** What the preset takes away, in a sentence. */
	description: string;
	document: { Version: '2012-10-17'; Statement: Record<string, unknown>[] };
}

const INSPECTOR: Record<string, unknown> = {
	Sid: 'KeepInspector',
	Effect: 'Allow',
	Action: ['sts:GetCallerIdentity', 'sts:DecodeAuthorizationMessage'],
	Resource: '*',
};

const allow = (sid: string, action: string[]): Record<string, unknown> => ({
	Sid: sid,
	Effect: 'Allow',
	Action: action,
	Resource: '*',
});

export const POLICY_PRESETS: readonly PolicyPreset[] = [
	{
		id: 'read-only',
		label: 'Read-only',
		description: 'Reads stay; every write to S3 and DynamoDB is denied.',
		document: {
			Version: '2012-10-17',
			Statement: [
				allow('ReadOnly', [
					's3:GetObject',
					's3:ListBucket',
					'dynamodb:GetItem',
					'dynamodb:BatchGetItem',
					'dynamodb:Query',
				]),
				INSPECTOR,
			],
		},
	},
	{
		id: 'no-profile-read',
		label: 'No profile reads',
		description: 'Removes s3:GetObject: the profile and saves can be written but not read back.',
		document: {
			Version: '2012-10-17',
			Statement: [
				allow('EverythingButGetObject', [
					's3:PutObject',
					's3:DeleteObject',
					's3:ListBucket',
					'dynamodb:*',
				]),
				INSPECTOR,
			],
		},
	},
	{
		id: 'no-leaderboard',
		label: 'No leaderboard',
		description:
			'An explicit Deny on the GameTitleIndex: the leaderboard query fails, the rest works.',
		document: {
			Version: '2012-10-17',
			Statement: [
				allow('Everything', ['s3:*', 'dynamodb:*']),
				{
					Sid: 'NoLeaderboard',
					Effect: 'Deny',
					Action: 'dynamodb:Query',
					Resource: 'arn:aws:dynamodb:*:*:table/*/index/GameTitleIndex',
				},
				INSPECTOR,
			],
		},
	},
	{
		id: 's3-only',
		label: 'S3 only',
		description: 'Profile and saves in S3 keep working; every DynamoDB call is denied.',
		document: {
			Version: '2012-10-17',
			Statement: [allow('S3Only', ['s3:*']), INSPECTOR],
		},
	},
];

/** A preset as the JSON a player edits. */
export function presetJson(preset: PolicyPreset): string {
	return JSON.stringify(preset.document, null, 2);
}

/** AWS's limit on an inline session policy (AssumeRoleWithWebIdentity `Policy`), in characters. */
export const SESSION_POLICY_MAX = 2048;

type PolicyCheck = { ok: true; minified: string } | { ok: false; error: string };

/**
 * Validates a session policy as the player typed it: JSON, IAM grammar (src/lib/iam `parsePolicy`) and
 * STS's length limit, counted on the minified document that is sent.
 */
export function checkSessionPolicy(text: string): PolicyCheck {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
	}
	try {
		parsePolicy(value, 'session-policy', 'session');
	} catch (error) {
		const message = error instanceof PolicyParseError ? error.message : String(error);
		return { ok: false, error: message };
	}
	const minified = JSON.stringify(value);
	if (minified.length > SESSION_POLICY_MAX) {
		return {
			ok: false,
			error: `The policy is ${minified.length} characters; STS accepts at most ${SESSION_POLICY_MAX}.`,
		};
	}
	return { ok: true, minified };
}
