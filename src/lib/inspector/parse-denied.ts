import type { DeniedPolicyType } from './types';

/**
 * Reads AWS's access-denied sentence: `User: <arn> is not authorized to perform: <action> [on resource:
 * <res>] <reason>`, where the reason is `because no <type> policy allows the <action> action` or
 * `with an explicit deny in a|an|the <type> policy`, optionally followed by a policy ARN and an
 * authorization id. Done with indexOf and small anchored patterns, so it stays linear on any input.
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

function policyTypeAt(lower: string, at: number): [string, DeniedPolicyType] | null {
	let best: [string, DeniedPolicyType] | null = null;
	for (const entry of POLICY_TYPES) {
		if (lower.startsWith(entry[0], at) && (!best || entry[0].length > best[0].length)) best = entry;
	}
	return best;
}

/** A token ends at whitespace; trailing sentence punctuation is not part of an ARN or action. */
function tokenAt(text: string, at: number): string | null {
	const match = /^\S{1,2048}/.exec(text.slice(at, at + 2048));
	const token = match?.[0].replace(/[.,;:)\]}"']+$/, '');
	return token ? token : null;
}

function skipSpaces(text: string, at: number): number {
	while (at < text.length && text[at] === ' ') at++;
	return at;
}

function readPrincipal(text: string, lower: string, at: number): string | null {
	const userAt = lower.lastIndexOf('user:', at);
	if (userAt < 0 || at - userAt > 2100) return null;
	const between = text.slice(userAt + 5, at).trim();
	return between && !/\s/.test(between) ? between : null;
}

function readResource(text: string, lower: string, at: number): [string | null, number] {
	if (!lower.startsWith('on resource:', at)) return [null, at];
	const start = skipSpaces(text, at + 'on resource:'.length);
	if (text[start] === '"') {
		const end = text.indexOf('"', start + 1);
		if (end > start && end - start < 2100) return [text.slice(start + 1, end), end + 1];
	}
	const token = tokenAt(text, start);
	return [token, start + (token?.length ?? 0)];
}

function readReason(
	lower: string,
	from: number,
): { kind: 'explicit' | 'implicit'; words: string; type: DeniedPolicyType; end: number } | null {
	const window = lower.slice(from, from + 400);
	const explicit = /with an? explicit deny in (?:a |an |the )?/.exec(window);
	const implicit = /because (?:no )?(?:the )?/.exec(window);
	const pick = explicit && (!implicit || explicit.index <= implicit.index) ? explicit : implicit;
	if (!pick) return null;
	const at = from + pick.index + pick[0].length;
	const found = policyTypeAt(lower, at);
	if (!found) return null;
	return {
		kind: pick === explicit ? 'explicit' : 'implicit',
		words: found[0],
		type: found[1],
		end: at + found[0].length,
	};
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
	const action = tokenAt(text, at);
	if (action && /^[a-z0-9-]+:[A-Za-z0-9*]+$/i.test(action)) {
		parts.action = action;
		at = skipSpaces(text, at + action.length);
	}
	const [resource, afterResource] = readResource(text, lower, at);
	parts.resource = resource;
	const reason = readReason(lower, afterResource);
	if (!reason) return parts;
	parts.denyKind = reason.kind;
	parts.policyType = reason.type;
	parts.policyWords = reason.words;
	const through = /transitively through (?:a |an |the )?/.exec(
		lower.slice(reason.end, reason.end + 80),
	);
	const via = through ? policyTypeAt(lower, reason.end + through.index + through[0].length) : null;
	if (via) parts.policyType = via[1];
	const arn = /arn:aws[\w-]*:(?:iam|organizations)::[^\s,"]{1,1000}/.exec(
		text.slice(reason.end, reason.end + 1200),
	);
	parts.policyArn = arn ? arn[0].replace(/[.;)]+$/, '') : null;
	return parts;
}
