/**
 * Issue 16's bad input, as STS words it (the sandbox's integration suites pin the exact words against its STS):
 * each gets the one error table's meaning, the sign-in path's title and hint, and the inspector's summary.
 */
import { describe, expect, it } from 'vitest';
import { stsMessageRule } from '../../../src/lib/aws/error-text';
import { toStsError } from '../../../src/lib/federation/errors';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';

const TOURNAMENT = 'arn:aws:iam::123456789012:role/fedplay-tournament';
const BOB = 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-bob';
const CAROL = 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-carol';

const CASES: [string, string, string, number, RegExp][] = [
	[
		'a 2-hour chained request',
		'ValidationError',
		'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
		400,
		/A chained role lasts at most an hour/,
	],
	[
		'tags STS cannot use',
		'ValidationError',
		'Unable to validate tags',
		400,
		/session tags AWS cannot use/,
	],
	[
		'tags over the packed size',
		'PackedPolicyTooLarge',
		'Packed size of session tags consumes 142% of allotted space.',
		400,
		/too many session tags/,
	],
	[
		'a transitive tag override',
		'InvalidParameterValue',
		"One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
		400,
		/A transitive tag cannot be changed/,
	],
	[
		'keys equal but for case',
		'InvalidParameterValue',
		'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
		400,
		/same key/,
	],
	[
		'a source identity change',
		'AccessDenied',
		`User: ${CAROL} is not authorized to perform: sts:SetSourceIdentity on resource: ${TOURNAMENT} because the source identity of a role chain cannot be changed`,
		403,
		/The source identity cannot change/,
	],
	[
		'a trust policy without sts:TagSession (chained)',
		'AccessDenied',
		`User: ${CAROL} is not authorized to perform: sts:TagSession on resource: ${TOURNAMENT} because no role trust policy allows the sts:TagSession action`,
		403,
		/does not accept session tags/,
	],
	[
		'a trust policy without sts:SetSourceIdentity (chained)',
		'AccessDenied',
		`User: ${CAROL} is not authorized to perform: sts:SetSourceIdentity on resource: ${TOURNAMENT} because no role trust policy allows the sts:SetSourceIdentity action`,
		403,
		/does not accept a source identity/,
	],
	[
		'a non-organizer asking for the tournament role',
		'AccessDenied',
		`User: ${BOB} is not authorized to perform: sts:AssumeRole on resource: ${TOURNAMENT} because no role trust policy allows the sts:AssumeRole action`,
		403,
		/Only organizers/,
	],
	[
		'a web identity trust policy without sts:TagSession (AWS says no more)',
		'AccessDenied',
		'Not authorized to perform sts:AssumeRoleWithWebIdentity',
		403,
		/does not trust your sign-in/,
	],
];

const sdkError = (name: string, message: string, status: number) =>
	Object.assign(new Error(message), {
		name,
		$metadata: { httpStatusCode: status, requestId: 'r1' },
	});

describe('STS refusals of session tags, source identity and role chaining', () => {
	it.each(CASES)(
		'%s: the table, sign-in and the inspector explain it',
		async (_, code, message, status, title) => {
			const rule = stsMessageRule(code, message);
			expect(rule).not.toBeNull();
			const appError = await toStsError(sdkError(code, message, status));
			expect(appError.details.title).toMatch(title);
			expect(appError.message).toBe(rule!.meaning);
			expect(appError.details).toMatchObject({ upstreamCode: code, upstreamMessage: message });
			const explained = explainAwsError(sdkError(code, message, status));
			expect(explained.summary).toBe(rule!.meaning);
			expect(explained.hints[0]).toBe(rule!.hint);
		},
	);

	it('leaves other errors of the same codes to the table’s general words', () => {
		expect(
			stsMessageRule(
				'ValidationError',
				'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
			),
		).toBeNull();
		expect(
			stsMessageRule(
				'AccessDenied',
				`User: ${BOB} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" because no identity-based policy allows the s3:GetObject action`,
			),
		).toBeNull();
	});
});
