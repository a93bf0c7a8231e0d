/**
 * The public shape of the policy evaluator. Pure data: no Node or DOM types, so the same module runs in the
 * browser (the inspector explains with it) and in the sandbox (the gateway and STS decide with it).
 */

/** Where a policy comes from; decides how a denial is reported (AWS's own words in access-denied messages). */
export type PolicyType = 'identity-based' | 'session' | 'resource-based' | 'trust';

export interface PolicyStatement {
	Sid?: string;
	Effect: 'Allow' | 'Deny';
	Principal?: '*' | Record<string, string | string[]>;
	NotPrincipal?: '*' | Record<string, string | string[]>;
	Action?: string | string[];
	NotAction?: string | string[];
	Resource?: string | string[];
	NotResource?: string | string[];
	Condition?: Record<
		string,
		Record<string, string | string[] | boolean | number | (boolean | number | string)[]>
	>;
}

export interface PolicyDocument {
	Version?: '2012-10-17' | '2008-10-17';
	Id?: string;
	Statement: PolicyStatement[];
}

/** A parsed policy with a name, so a decision can say which policy decided. */
export interface NamedPolicy {
	/** e.g. `FedplayPlayerData` or the policy ARN; `session-policy` for the inline session policy. */
	name: string;
	type: PolicyType;
	document: PolicyDocument;
}

/** Condition-key values of the request context. Single-valued keys are strings; multivalued keys are arrays. */
export type ContextValue = string | string[];

export interface AuthzRequest {
	/** The caller: for an assumed role `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
	principal: string;
	/** For trust-policy evaluation: the federated principal, e.g. `arn:aws:iam::ACCOUNT:oidc-provider/host`
	 * (or a bare provider name like `accounts.google.com`). */
	principalFederated?: string;
	/** For resource-based and trust policies: the calling service principal, e.g. `lambda.amazonaws.com`. */
	principalService?: string;
	/** `service:Operation`, e.g. `s3:GetObject`. Compared case-insensitively. */
	action: string;
	/** The resource ARN. Compared case-sensitively. `*` for actions with no resource (sts:GetCallerIdentity). */
	resource: string;
	/** Request context: condition keys (case-insensitive names) and values, also used for `${…}` variables.
	 * e.g. `{ 'aws:SourceIp': '127.0.0.1', 'localhost:4000:sub': 'alice', 'dynamodb:LeadingKeys': ['alice'] }` */
	context: Record<string, ContextValue>;
}

export interface PolicySet {
	/** Identity-based policies of the caller's role (managed and inline). */
	identity: NamedPolicy[];
	/** Session policies passed to AssumeRole* (inline `Policy` and `PolicyArns`); absent means "no session policy". */
	session?: NamedPolicy[];
	/**
	 * Resource-based policies of the resource (a bucket policy), and, for `sts:AssumeRole*`, the trust policy of
	 * the role to assume (type `trust`), which must allow. All in the caller's account: the evaluator decides
	 * within one account.
	 */
	resource?: NamedPolicy[];
}

/**
 * How a resource-based or trust policy's Principal names the caller, which decides what its Allow is worth
 * (IAM User Guide, "Policy evaluation logic" and "Session policies"):
 * - `account`: the account (`123456789012`, `arn:aws:iam::123456789012:root`). "This delegates authority to the
 *   account": the Allow grants nothing by itself; the caller's identity-based policies must allow too.
 * - `role`: the caller's role ARN. The permissions "are added to the role or user's identity-based policy before
 *   the session is created", so "the session policy limits" them.
 * - `direct`: the caller itself — its role session ARN ("grant permissions directly to the assumed role
 *   session"), `*`, a federated or service principal. Neither a missing identity-based Allow nor the session
 *   policy limits it.
 * An explicit Deny applies however its Principal names the caller.
 */
export type PrincipalMatch = 'account' | 'role' | 'direct';

/** One condition as evaluated, with the values it saw — what the inspector shows. */
export interface ConditionResult {
	/** e.g. `ForAllValues:StringEquals` */
	operator: string;
	/** e.g. `dynamodb:LeadingKeys` */
	key: string;
	/** The policy's values after `${…}` substitution. */
	expected: string[];
	/** The request's values for the key; `null` when the key was absent from the context. */
	actual: string[] | null;
	matched: boolean;
	/** Context keys named by `${…}` variables that had no value and no default (those values match nothing). */
	unresolved?: string[];
}

export interface StatementMatch {
	policy: string;
	policyType: PolicyType;
	/** Index in the policy's Statement array. */
	index: number;
	sid?: string;
	effect: 'Allow' | 'Deny';
	conditions: ConditionResult[];
	/** For a resource-based or trust policy: how its Principal named the caller. */
	principalMatch?: PrincipalMatch;
}

export interface Decision {
	decision: 'allow' | 'deny';
	/** For a deny: explicit (a Deny statement matched) or implicit (no Allow where one was needed). */
	denyKind: 'explicit' | 'implicit' | null;
	/** For a deny: the policy type that denied (for an implicit deny, the first type that lacked an Allow). */
	deniedBy: PolicyType | null;
	/** The statement that decided: the matching Deny, or the Allow that granted (none for an action that needs no
	 * permission, `sts:GetCallerIdentity`). */
	decidingStatement: StatementMatch | null;
	/** Every statement whose Action and Resource matched, with its condition results (matched or not). */
	evaluated: StatementMatch[];
	/** One line in AWS's words, e.g. `because no identity-based policy allows the s3:GetObject action`. */
	reason: string;
}
