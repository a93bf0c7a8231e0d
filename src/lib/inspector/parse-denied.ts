import type { DeniedPolicyType } from './types';

/**
 * Reads AWS's access-denied sentence: `User: <arn> is not authorized to perform: <action> [on resource:
 * <res>] <reason>`, where the reason is `because no <type> policy allows the <action> action` or
 * `with an explicit deny [in a|an|the <type> policy]`, optionally followed by a policy ARN and an
 * authorization id. Also EC2's `API: <action> You are not authorized…` as CloudFormation prints it.
 * Done with indexOf and small anchored patterns, so it stays linear on any input.
 */
export interface DeniedParts {
	principal: string | null;
	action: string | null;
	resource: string | null;
	denyKind: 'explicit' | 'implicit' | null;
	policyType: DeniedPolicyType | null;
	/** The words AWS used (`role trust policy`, `sessions policy`), for the summary. */
	policyWords: string | null;
	policyArn: string | null;
	authorizationId: string | null;
	encodedMessage: string | null;
}

/** Longest first, so `service control policy` is not read as something shorter. */
const POLICY_TYPES: [string, DeniedPolicyType][] = [
	['identity-based policy', 'identity-based'],
	['identity-based policies', 'identity-based'],
	['resource-based policy', 'resource-based'],
	['role trust policy', 'resource-based'],
	['service control policy', 'scp'],
	['resource control policy', 'rcp'],
	['permissions boundary', 'permissions-boundary'],
	['permissions boundary policy', 'permissions-boundary'],
	['vpc endpoint policy', 'vpc-endpoint'],
	['sessions policy', 'session'],
	['session policy', 'session'],
	['session policies', 'session'],
];

/** `service:Action`, or a placeholder someone wrote in its place (`<ACTION>`). */
const ACTION = /^(?:[a-z0-9-]+:[A-Za-z0-9*]+|<[^<>]{1,60}>)$/i;

/** IAM names some resources by type and name: `on resource: role MyRole`. */
const IAM_RESOURCE = /^(?:user|role|group|policy|instance-profile|oidc-provider|saml-provider) \S/;

function policyTypeAt(lower: string, at: number): [string, DeniedPolicyType] | null {
	let best: [string, DeniedPolicyType] | null = null;
	for (const entry of POLICY_TYPES) {
		if (lower.startsWith(entry[0], at) && (!best || entry[0].length > best[0].length)) best = entry;
	}
	return best;
}

/** Where a placeholder opened at `at` closes (`<account id>`, `[account id]`, `:"my account":`), or -1. */
function placeholderEnd(text: string, at: number): number {
	const open = text[at];
	const close = open === '<' ? '>' : open === '[' ? ']' : open === '"' ? '"' : null;
	if (!close || (open === '"' && text[at - 1] !== ':')) return -1;
	// Bounded look-ahead: a long run of openers must not make this quadratic.
	const inside = text.slice(at + 1, at + 61);
	const length = inside.indexOf(close);
	if (length < 0 || (open === '<' && inside.slice(0, length).includes('<'))) return -1;
	const end = at + 1 + length;
	return open === '"' && text[end + 1] !== ':' ? -1 : end;
}

/**
 * A token ends at whitespace, except inside a placeholder; an XML closing tag and trailing sentence
 * punctuation are not part of an ARN or action.
 */
function tokenAt(text: string, at: number): string | null {
	let end = at;
	const limit = Math.min(text.length, at + 2048);
	while (end < limit && !/\s/.test(text[end] as string)) {
		const closed = placeholderEnd(text, end);
		end = closed > end ? closed + 1 : end + 1;
	}
	let token = text.slice(at, end);
	const tag = token.indexOf('</');
	if (tag >= 0) token = token.slice(0, tag);
	token = trimEnd(token);
	return token ? token : null;
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Drops trailing punctuation and quotes, and a closing bracket that closes nothing in the token. */
function trimEnd(token: string): string {
	let end = token.length;
	while (end > 0) {
		const last = token[end - 1] as string;
		const opener = CLOSERS[last];
		if (opener ? token.lastIndexOf(opener, end) >= 0 : !/[.,;:"'\\]/.test(last)) break;
		end--;
	}
	return token.slice(0, end);
}

function skipSpaces(text: string, at: number): number {
	while (at < text.length && /\s/.test(text[at] as string)) at++;
	return at;
}

/** The text between `User:` and `is not authorized`, when it is one token (placeholders may hold spaces). */
function readPrincipal(text: string, lower: string, at: number): string | null {
	const userAt = lower.lastIndexOf('user:', at);
	if (userAt < 0 || at - userAt > 2100) return null;
	const between = text.slice(userAt + 5, at).trim();
	return between && tokenAt(between, 0) === trimEnd(between) ? trimEnd(between) : null;
}

/** `(sts:DecodeAuthorizationMessage)`, `: s3:GetObject` or ` s3:GetObject`. */
function readAction(text: string, at: number): [string | null, number] {
	const token = tokenAt(text, at);
	const action = token?.replace(/^\(|\)$/g, '') ?? null;
	return action && ACTION.test(action) ? [action, at + (token?.length ?? 0)] : [null, at];
}

function readResource(text: string, lower: string, from: number): string | null {
	const marker = lower.indexOf('on resource:', from);
	if (marker < 0 || marker - from > 60) return null;
	let start = skipSpaces(text, marker + 'on resource:'.length);
	// S3 quotes the resource; inside a JSON log line the quotes arrive escaped (\").
	const quote = text.startsWith('\\"', start) ? '\\"' : text[start] === '"' ? '"' : null;
	if (quote) {
		start += quote.length;
		const end = text.indexOf(quote, start);
		if (end >= start && end - start < 2100) return text.slice(start, end);
	}
	const iam = IAM_RESOURCE.exec(text.slice(start, start + 40));
	if (iam) {
		const name = tokenAt(text, start + iam[0].length - 1);
		return name ? text.slice(start, start + iam[0].length - 1) + name : null;
	}
	return tokenAt(text, start);
}

interface Reason {
	kind: 'explicit' | 'implicit';
	type: [string, DeniedPolicyType] | null;
	end: number;
}

/** `with an explicit deny [in a <type>]` or `because no <type> policy allows`, whichever comes first. */
function readReason(lower: string, from: number): Reason | null {
	const window = lower.slice(from, from + 2400);
	const explicit = /with an? explicit deny\b(?: in (?:a |an |the )?)?/.exec(window);
	const implicit = /because (?:no )?(?:the )?/.exec(window);
	const at = (match: RegExpExecArray): number => from + match.index + match[0].length;
	const implicitType = implicit ? policyTypeAt(lower, at(implicit)) : null;
	if (explicit && (!implicitType || !implicit || explicit.index <= implicit.index)) {
		const type = policyTypeAt(lower, at(explicit));
		return { kind: 'explicit', type, end: at(explicit) + (type?.[0].length ?? 0) };
	}
	if (!implicit || !implicitType) return null;
	return { kind: 'implicit', type: implicitType, end: at(implicit) + implicitType[0].length };
}

/** SCPs reached through another policy type: `… in a VPC endpoint policy transitively through a SCP`. */
function transitiveType(lower: string, end: number): DeniedPolicyType | null {
	const through = /transitively through (?:a |an |the )?/.exec(lower.slice(end, end + 80));
	return through
		? (policyTypeAt(lower, end + through.index + through[0].length)?.[1] ?? null)
		: null;
}

function policyArnAfter(text: string, end: number): string | null {
	const arn = /arn:aws[\w-]*:(?:iam|organizations)::[^\s,"]{1,1000}/.exec(
		text.slice(end, end + 1200),
	);
	return arn ? arn[0].replace(/[.;)]+$/, '') : null;
}

const EMPTY: DeniedParts = {
	principal: null,
	action: null,
	resource: null,
	denyKind: null,
	policyType: null,
	policyWords: null,
	policyArn: null,
	authorizationId: null,
	encodedMessage: null,
};

/** Parses the parts of an access-denied message; fields stay `null` where the message is silent. */
export function parseDenied(text: string): DeniedParts {
	const lower = text.toLowerCase();
	const parts: DeniedParts = { ...EMPTY };
	parts.encodedMessage =
		/encoded authorization failure message: ?([\w-]{8,})/i.exec(text)?.[1] ?? null;
	parts.authorizationId = /authorization id: ?([a-z0-9]{6,})/i.exec(text)?.[1] ?? null;
	// "You are not authorized to perform this operation. User: … is not authorized to perform: …"
	const withUser = lower.indexOf('is not authorized to perform');
	const verb = withUser >= 0 ? withUser + 3 : lower.indexOf('not authorized to perform');
	if (verb < 0) return parts;
	parts.principal = withUser >= 0 ? readPrincipal(text, lower, withUser) : null;
	let at = skipSpaces(text, verb + 'not authorized to perform'.length);
	if (text[at] === ':') at = skipSpaces(text, at + 1);
	[parts.action, at] = readAction(text, at);
	parts.action ??= /\bAPI: ?([a-z0-9-]+:[A-Za-z0-9]+)\b/.exec(text)?.[1] ?? null;
	parts.resource = readResource(text, lower, at);
	const reason = readReason(lower, at);
	if (!reason) return parts;
	parts.denyKind = reason.kind;
	parts.policyWords = reason.type?.[0] ?? null;
	parts.policyType = transitiveType(lower, reason.end) ?? reason.type?.[1] ?? null;
	parts.policyArn = policyArnAfter(text, reason.end);
	return parts;
}
