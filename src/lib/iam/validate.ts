/**
 * The checks IAM applies to each value of a policy when the policy is created, with the messages its
 * `MalformedPolicyDocument` errors carry (IAM User Guide, "Grammar of the IAM JSON policy language", notes on
 * `action_string`, `resource_string`, `principal_id_string`; "IAM JSON policy elements: Principal"). Each check
 * returns the problem, or null. parse.ts rejects a policy with a problem; compile.ts, for a document built by
 * hand, lets the value match nothing instead — so a value AWS would refuse never widens a decision.
 */

// The partitions an ARN can name (AWS's partitions.json). IAM is stricter: the partition of the account.
const PARTITIONS = new Set([
	'aws',
	'aws-cn',
	'aws-us-gov',
	'aws-iso',
	'aws-iso-b',
	'aws-iso-e',
	'aws-iso-f',
	'aws-eusc',
]);
const VENDOR = /^[A-Za-z0-9-]+$/;
const WILDCARD = /[*?]/;
const PREFACED = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';

/** An `action_string`: `*`, or a service namespace (no wildcards), one colon and an action name. */
export function actionProblem(action: string): string | null {
	if (action === '*') return null;
	const parts = action.split(':');
	if (parts.length > 2) return `Actions/Condition can contain only one colon. Action: "${action}".`;
	const [vendor = '', name = ''] = parts;
	if (parts.length < 2 || !name) return `${PREFACED} Action: "${action}".`;
	if (WILDCARD.test(vendor))
		return `Action vendors (e.g., aws, ec2, etc.) must not contain wildcards. Action: "${action}".`;
	if (!VENDOR.test(vendor)) return `${PREFACED} Action: "${action}".`;
	return null;
}

/** A condition key is prefaced by its vendor too (`aws:SourceIp`, `s3:prefix`, `accounts.google.com:aud`). */
export function conditionKeyProblem(key: string): string | null {
	const colon = key.indexOf(':');
	return colon > 0 && colon < key.length - 1 ? null : `${PREFACED} Condition key: "${key}".`;
}

/**
 * A `resource_string`: `*`, or an ARN — `arn:partition:service:region:account:resource`, the resource part
 * free to hold more colons — in a partition AWS has. IAM's own resources have no region.
 */
export function resourceProblem(resource: string): string | null {
	if (resource === '*') return null;
	const segments = arnSegments(resource);
	const [arn, partition = '', service = '', region = ''] = segments;
	if (arn !== 'arn' || segments.length < 6 || !service)
		return `Resource ${resource} must be in ARN format or "*".`;
	if (!PARTITIONS.has(partition))
		return `Partition "${partition}" is not valid for resource "${resource}".`;
	if (service === 'iam' && region)
		return `IAM resource ${resource} cannot contain region information.`;
	return null;
}

/**
 * The ARN's colon-separated segments. A colon inside a policy variable (`${aws:username}`) separates nothing: the
 * variable stands for one value.
 */
function arnSegments(text: string): string[] {
	const segments: string[] = [];
	let start = 0;
	let inVariable = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charAt(i);
		if (inVariable) inVariable = ch !== '}';
		else if (ch === '$' && text.charAt(i + 1) === '{') inVariable = true;
		else if (ch === ':') {
			segments.push(text.slice(start, i));
			start = i + 1;
		}
	}
	segments.push(text.slice(start));
	return segments;
}

/**
 * A `principal_id_string` of a principal type. "You cannot use a wildcard to match part of a principal name or
 * ARN": `*` stands alone, for everyone, and only as an `AWS` principal (or as the whole Principal).
 */
export function principalProblem(kind: string, id: string): string | null {
	// Policy variables work in Resource and Condition values only: `${…}` names no principal.
	const valid = Object.hasOwn(PRINCIPALS, kind) && !id.includes('${') && PRINCIPALS[kind]!(id);
	return valid ? null : `Invalid principal in policy: "${kind}":"${id}"`;
}

const PRINCIPALS: Record<string, (id: string) => boolean> = {
	AWS: (id) => id === '*' || isAwsPrincipal(id),
	Federated: (id) => !WILDCARD.test(id) && isFederatedPrincipal(id),
	Service: (id) => HOST.test(id),
	CanonicalUser: (id) => CANONICAL_USER.test(id),
};

const HOST = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const CANONICAL_USER = /^[0-9a-f]{64}$/;
const ACCOUNT = /^\d{12}$/;
// A unique id IAM stores for a principal it can no longer name (user AIDA…, role AROA…).
const UNIQUE_ID = /^A(?:IDA|ROA)[A-Z0-9]{12,}$/;

/** An account id, a unique id, or the ARN of an account, user, role, role session or federated user. */
function isAwsPrincipal(id: string): boolean {
	if (ACCOUNT.test(id) || UNIQUE_ID.test(id)) return true;
	const arn = principalArn(id);
	if (!arn || WILDCARD.test(id)) return false;
	const { service, resource } = arn;
	const [type = '', ...path] = resource.split('/');
	const name = path.at(-1) ?? '';
	if (service === 'iam')
		return resource === 'root' || ((type === 'user' || type === 'role') && !!name);
	if (type === 'assumed-role') return path.length === 2 && path.every(Boolean);
	return type === 'federated-user' && path.length === 1 && !!name;
}

/** A web identity provider's name (`accounts.google.com`) or an OIDC or SAML provider's ARN. */
function isFederatedPrincipal(id: string): boolean {
	const arn = principalArn(id);
	if (!arn) return HOST.test(id);
	return (
		arn.service === 'iam' &&
		/^(?:oidc|saml)-provider\/./.test(arn.resource) &&
		!/\s/.test(arn.resource)
	);
}

/** `arn:partition:iam|sts::account:resource`, or null. */
function principalArn(id: string): { service: string; resource: string } | null {
	const [arn, partition = '', service = '', region, account = '', ...rest] = id.split(':');
	const resource = rest.join(':');
	const valid =
		arn === 'arn' &&
		PARTITIONS.has(partition) &&
		(service === 'iam' || service === 'sts') &&
		region === '' &&
		ACCOUNT.test(account) &&
		!!resource;
	return valid ? { service, resource } : null;
}

/**
 * IAM User Guide, "IAM and AWS STS quotas": "Policy documents can contain only the following Unicode characters:
 * horizontal tab (U+0009), linefeed (U+000A), carriage return (U+000D), and characters in the range U+0020 to
 * U+00FF." Checks every key and string of the parsed document, without recursion.
 */
export function characterProblem(document: unknown): string | null {
	const pending: unknown[] = [document];
	while (pending.length) {
		const value = pending.pop();
		if (typeof value === 'string') {
			const bad = outsideRange(value);
			if (bad !== null)
				return `Policy documents can contain only tab, line feed, carriage return and the characters U+0020 to U+00FF, not U+${bad.toString(16).toUpperCase().padStart(4, '0')}.`;
		} else if (Array.isArray(value)) for (const item of value) pending.push(item);
		else if (typeof value === 'object' && value !== null)
			for (const [key, item] of Object.entries(value)) pending.push(key, item);
	}
	return null;
}

function outsideRange(text: string): number | null {
	for (let i = 0; i < text.length; i++) {
		const code = text.codePointAt(i)!;
		if (code > 0xff || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d))
			return code;
	}
	return null;
}

/**
 * A policy's size as IAM counts it against its quotas ("IAM and AWS STS quotas": "IAM does not count white space
 * when calculating the size of a policy"): the characters of its JSON, white space left out.
 */
export function policySize(document: unknown): number {
	const text = typeof document === 'string' ? document : JSON.stringify(document);
	return text.replace(/\s/g, '').length;
}
