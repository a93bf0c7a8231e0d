import type { MemberRule } from './validation';

/** Members AssumeRole and AssumeRoleWithWebIdentity share, with the STS service model's constraints. */
export const ROLE_ARN: MemberRule = {
	member: 'roleArn',
	required: true,
	minLength: 20,
	maxLength: 2048,
};

export const ROLE_SESSION_NAME: MemberRule = {
	member: 'roleSessionName',
	required: true,
	minLength: 2,
	maxLength: 64,
	pattern: /^[\w+=,.@-]*$/,
	patternText: '[\\w+=,.@-]*',
};

/**
 * The inline session policy. AssumeRole's model sets no maximum, but its API reference caps session policy plain
 * text at 2,048 characters like AssumeRoleWithWebIdentity's model does; the sandbox applies the cap to both with
 * the model's wording, which also bounds what the evaluator compiles per session.
 */
export const SESSION_POLICY: MemberRule = {
	member: 'policy',
	minLength: 1,
	maxLength: 2048,
	pattern: /^[\t\n\r\u0020-\u00FF]+$/,
	patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
	sensitive: true,
};

export const DURATION_SECONDS: MemberRule = {
	member: 'durationSeconds',
	integer: { min: 900, max: 43200 },
};

/** What STS grants when DurationSeconds is left out. */
export const DEFAULT_DURATION_SECONDS = 3600;
