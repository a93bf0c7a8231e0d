/**
 * Source identity (IAM User Guide, "Monitor and control actions taken with assumed roles"): 2–64 characters of
 * `[\w+=,.@-]` (so never the reserved `aws:` prefix); once set, the same for every session of the role chain.
 */
import { AwsError } from '../errors';
import { memberProblems, throwProblems, type MemberRule } from './validation';

export const SOURCE_IDENTITY: MemberRule = {
	member: 'sourceIdentity',
	minLength: 2,
	maxLength: 64,
	pattern: /^[\w+=,.@-]*$/,
	patternText: '[\\w+=,.@-]*',
};

/**
 * The token's source identity claim, checked against the STS model. AWS publishes no message for a bad claim;
 * the sandbox answers the `ValidationError` the `SourceIdentity` parameter gets for the same value.
 */
export function sourceIdentityFromClaim(claim: unknown): string | undefined {
	if (claim === undefined) return undefined;
	if (typeof claim !== 'string') {
		throwProblems([
			`Value at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: ${SOURCE_IDENTITY.patternText}`,
		]);
	}
	throwProblems(memberProblems(claim as string, SOURCE_IDENTITY));
	return claim as string;
}

/**
 * Role chaining: the calling session's source identity carries on; asking for another is denied (the IAM User
 * Guide says only that "the assume role request will be denied": the sentence after the standard access-denied
 * prefix is the sandbox's). Without one, the request may set it.
 */
export function chainSourceIdentity(
	carried: string | undefined,
	requested: string | undefined,
	denied: { caller: string; roleArn: string },
): string | undefined {
	if (carried === undefined || requested === undefined || requested === carried)
		return carried ?? requested;
	throw new AwsError(
		'AccessDenied',
		403,
		`User: ${denied.caller} is not authorized to perform: sts:SetSourceIdentity on resource: ${denied.roleArn} because the source identity of a role chain cannot be changed`,
	);
}
