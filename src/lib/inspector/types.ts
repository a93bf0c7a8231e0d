import type { AwsErrorCategory } from '../aws/errors';

/** What kind of failure an AWS (or network) error is (lib/aws/errors.ts); drives the summary and hints. */
export type ErrorCategory = AwsErrorCategory;

/** The policy type named in an access-denied message, in AWS's own terms (role trust → `resource-based`). */
export type DeniedPolicyType =
	| 'identity-based'
	| 'session'
	| 'resource-based'
	| 'scp'
	| 'rcp'
	| 'permissions-boundary'
	| 'vpc-endpoint';

/** The result of `explainAwsError`: what went wrong, in AWS's words and in plain ones. */
export interface AwsErrorExplanation {
	category: ErrorCategory;
	/** The AWS error code (`AccessDenied`, `ExpiredTokenException`, …) or `null` when none was found. */
	code: string | null;
	/** The denied principal ARN, e.g. `arn:aws:sts::123456789012:assumed-role/Role/session`. */
	principal: string | null;
	/** The denied action, e.g. `s3:GetObject`. */
	action: string | null;
	/** The denied resource ARN, without S3's quotes. */
	resource: string | null;
	denyKind: 'explicit' | 'implicit' | null;
	policyType: DeniedPolicyType | null;
	/** The ARN of the policy that denied, when the message names it. */
	policyArn: string | null;
	/** The blob after `Encoded authorization failure message:`, for sts:DecodeAuthorizationMessage. */
	encodedMessage: string | null;
	/** One plain sentence. */
	summary: string;
	/** Concrete next steps, most useful first. */
	hints: string[];
}
