/**
 * Session policies (IAM User Guide, "Session policies"): the inline `Policy` and up to 10 customer managed
 * policies named in `PolicyArns`, which must exist in the role's account. A session's permissions are then the
 * role's identity policies intersected with its session policies — which allow a request when any of them allows
 * it and none denies it (src/lib/iam evaluate).
 */
import { parsePolicy, PolicyParseError, type NamedPolicy } from '../../src/lib/iam';
import { AwsError } from '../errors';
import { findManagedPolicy, type SandboxInfra } from '../infra';
import { requireArn } from './arn';
import { readStructureList } from './query-lists';
import { listLengthProblems, memberProblems, type MemberRule } from './validation';

const MAX_POLICY_ARNS = 10;
// PolicyDescriptorType.arn (arnType). The model leaves `arn` optional; the sandbox requires it (stricter).
const POLICY_ARN: MemberRule = {
	member: 'arn',
	required: true,
	minLength: 20,
	maxLength: 2048,
	pattern: /^[\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u,
	patternText:
		'[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
};

/** `PolicyArns.member.N.arn`, with their violations of the STS model (at most 10: the documented limit). */
export function readPolicyArns(params: Map<string, string>): {
	arns: string[];
	problems: string[];
} {
	const entries = readStructureList(params, 'PolicyArns');
	const problems = [
		...listLengthProblems(entries.length, 'policyArns', MAX_POLICY_ARNS),
		...entries.flatMap((entry, i) =>
			memberProblems(entry.get('arn'), { ...POLICY_ARN, member: `policyArns.${i + 1}.member.arn` }),
		),
	];
	return { arns: entries.map((entry) => entry.get('arn') ?? ''), problems };
}

/**
 * The session policies to record, inline first. An ARN that is not an ARN is a `ValidationError`; one that names
 * no customer managed policy of the template (another account's, a role's, a deleted one) is refused as IAM words
 * it for a policy that cannot be used (`… does not exist or is not attachable.`), under STS's code for an unusable
 * session policy, `MalformedPolicyDocument`.
 */
export function resolveSessionPolicies(
	policyText: string | undefined,
	policyArns: readonly string[],
	infra: SandboxInfra,
): NamedPolicy[] {
	const policies: NamedPolicy[] = [];
	if (policyText !== undefined) policies.push(parseInlinePolicy(policyText));
	for (const arn of policyArns) {
		requireArn(arn);
		const managed = findManagedPolicy(infra, arn);
		if (!managed) {
			throw new AwsError(
				'MalformedPolicyDocument',
				400,
				`Policy ${arn} does not exist or is not attachable.`,
			);
		}
		policies.push(managed.policy);
	}
	return policies;
}

function parseInlinePolicy(text: string): NamedPolicy {
	try {
		return parsePolicy(text, 'session-policy', 'session');
	} catch (error) {
		if (error instanceof PolicyParseError)
			throw new AwsError('MalformedPolicyDocument', 400, error.message);
		throw error;
	}
}
