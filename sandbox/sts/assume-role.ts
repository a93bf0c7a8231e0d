import { AwsError } from '../errors';
import { baseContext } from '../gateway/request-context';
import { findRole, policySetFor, type SandboxInfra } from '../infra';
import type { SandboxClock } from '../clock';
import type { SessionStore, TemporarySession } from '../sessions';
import { requireArn } from './arn';
import { grantedDuration } from './duration';
import { issuedSessionResult } from './issued-session';
import { DURATION_SECONDS, ROLE_ARN, ROLE_SESSION_NAME, SESSION_POLICY } from './member-rules';
import { packedPolicySize } from './packed-size';
import type { XmlValue } from './query';
import { authorizeChain, ridingActions } from './role-access';
import { readPolicyArns, resolveSessionPolicies } from './session-policies';
import {
	chainTags,
	checkTagRules,
	readTagParameters,
	tagRequestContext,
	type TagRequest,
} from './session-tags';
import { chainSourceIdentity, SOURCE_IDENTITY } from './source-identity';
import { memberProblems, throwProblems, type MemberRule } from './validation';

export interface ChainDeps {
	infra: SandboxInfra;
	sessions: SessionStore;
	clock: SandboxClock;
}

// The STS service model's AssumeRole members, in its order (errors list them in it).
const RULES = {
	RoleArn: ROLE_ARN,
	RoleSessionName: ROLE_SESSION_NAME,
	Policy: SESSION_POLICY,
	DurationSeconds: DURATION_SECONDS,
	ExternalId: {
		member: 'externalId',
		minLength: 2,
		maxLength: 1224,
		pattern: /^[\w+=,.@:/-]*$/,
		patternText: '[\\w+=,.@:\\/-]*',
	},
	SerialNumber: {
		member: 'serialNumber',
		minLength: 9,
		maxLength: 256,
		pattern: /^[\w+=/:,.@-]*$/,
		patternText: '[\\w+=/:,.@-]*',
	},
	TokenCode: {
		member: 'tokenCode',
		minLength: 6,
		maxLength: 6,
		pattern: /^\d*$/,
		patternText: '[\\d]*',
	},
	SourceIdentity: SOURCE_IDENTITY,
} satisfies Record<string, MemberRule>;

/**
 * AssumeRole, signed with the temporary credentials of `caller` — every caller the sandbox knows is a role
 * session, so every AssumeRole is role chaining (IAM User Guide, "Role chaining"): at most an hour; the caller's
 * transitive tags and source identity pass on unchanged; the target's trust policy is evaluated with the caller's
 * context, and the caller's own policies must allow where it delegates to them.
 */
export function assumeRole(
	params: Map<string, string>,
	caller: TemporarySession,
	deps: ChainDeps & { region: string },
	sourceIp: string,
): Record<string, XmlValue> {
	const { policyArns, tagRequest } = validateParameters(params);
	const roleArn = params.get('RoleArn')!;
	requireArn(roleArn);
	refuseMfa(params);
	const tags = chainTags(caller, checkTagRules(tagRequest));
	const sourceIdentity = chainSourceIdentity(caller.sourceIdentity, params.get('SourceIdentity'), {
		caller: caller.assumedRoleArn,
		roleArn,
	});

	const role = findRole(deps.infra, roleArn);
	const context = {
		...baseContext(caller, deps.clock.now(), sourceIp, deps.region),
		...tagRequestContext(tags),
		'sts:RoleSessionName': params.get('RoleSessionName')!,
		...optional('sts:ExternalId', params.get('ExternalId')),
		...optional('sts:SourceIdentity', sourceIdentity),
	};
	authorizeChain(
		{ principal: caller.assumedRoleArn, policies: policySetFor(deps.infra, caller) },
		roleArn,
		role,
		context,
		ridingActions(tags.tags.length > 0, sourceIdentity),
	);
	// From here on the role exists: authorizeChain refused a missing one, which trusts nobody.
	const durationSeconds = grantedDuration(
		params.get('DurationSeconds'),
		role!.maxSessionDuration,
		true,
	);
	const policyText = params.get('Policy');
	const sessionPolicies = resolveSessionPolicies(policyText, policyArns, deps.infra);
	const packed = packedPolicySize({ policyText, policyArns, tags: tags.tags });

	const session = deps.sessions.issue({
		roleArn: role!.arn,
		roleSessionName: params.get('RoleSessionName')!,
		durationSeconds,
		webIdentityContext: {},
		sessionPolicies,
		tags: tags.tags,
		transitiveTagKeys: tags.transitiveTagKeys,
		...(sourceIdentity === undefined ? {} : { sourceIdentity }),
	});
	return issuedSessionResult(session, packed);
}

/** Every member against the STS model, violations listed in the model's order in one `ValidationError`. */
function validateParameters(params: Map<string, string>): {
	policyArns: string[];
	tagRequest: TagRequest;
} {
	const policyArns = readPolicyArns(params);
	const tags = readTagParameters(params);
	const member = (name: keyof typeof RULES) => memberProblems(params.get(name), RULES[name]);
	throwProblems([
		...member('RoleArn'),
		...member('RoleSessionName'),
		...policyArns.problems,
		...member('Policy'),
		...member('DurationSeconds'),
		...tags.problems,
		...member('ExternalId'),
		...member('SerialNumber'),
		...member('TokenCode'),
		...member('SourceIdentity'),
	]);
	return { policyArns: policyArns.arns, tagRequest: tags.request };
}

/** The sandbox registers no MFA device, so any one-time code is wrong: AWS's answer to a wrong code. */
function refuseMfa(params: Map<string, string>): void {
	if (params.has('SerialNumber') || params.has('TokenCode')) {
		throw new AwsError(
			'AccessDenied',
			403,
			'MultiFactorAuthentication failed with invalid MFA one time pass code.',
		);
	}
}

function optional(key: string, value: string | undefined): Record<string, string> {
	return value === undefined ? {} : { [key]: value };
}
