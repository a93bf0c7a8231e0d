/**
 * Reads the JSON that sts:DecodeAuthorizationMessage returns, leniently: booleans may be strings
 * ("false" in AWS's documented example), lists come wrapped as `{ "items": [...] }` or bare, trailing
 * commas are tolerated, and anything unreadable becomes `null` rather than an exception.
 */

interface DecodedStatement {
	statementId: string | null;
	effect: string | null;
	/** The policy's name or ARN, when the message carries it. */
	policy: string | null;
}

export interface DecodedAuthorization {
	allowed: boolean | null;
	explicitDeny: boolean | null;
	matchedStatements: DecodedStatement[];
	principal: { id: string | null; arn: string | null };
	action: string | null;
	resource: string | null;
	/** Condition keys and the values the request carried. */
	conditions: { key: string; values: string[] }[];
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Json)
		: {};
}

function text(value: unknown): string | null {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function bool(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return null;
}

/** `{ items: [...] }`, `{ item: ... }`, a bare array, or one object: always an array. */
function items(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	const wrapped = obj(value);
	if ('items' in wrapped) return items(wrapped.items);
	if ('item' in wrapped) return items(wrapped.item);
	return value === undefined || value === null || value === '' ? [] : [value];
}

function parseJsonLeniently(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		try {
			return JSON.parse(raw.replace(/,(\s*[}\]])/g, '$1'));
		} catch {
			return null;
		}
	}
}

/** Parses a decoded authorization message; `null` when it is not JSON at all. */
export function parseDecodedAuthorizationMessage(raw: string): DecodedAuthorization | null {
	const parsed = parseJsonLeniently(raw.trim());
	if (typeof parsed !== 'object' || parsed === null) return null;
	const root = obj(parsed);
	const context = obj(root.context);
	const principal = obj(context.principal);
	return {
		allowed: bool(root.allowed),
		explicitDeny: bool(root.explicitDeny),
		matchedStatements: items(root.matchedStatements).map((s) => {
			const statement = obj(s);
			return {
				statementId: text(statement.statementId),
				effect: text(statement.effect),
				policy: text(statement.policy) ?? text(obj(statement.source).policy),
			};
		}),
		principal: { id: text(principal.id), arn: text(principal.arn) },
		action: text(context.action),
		resource: text(context.resource),
		conditions: items(context.conditions).map((c) => {
			const condition = obj(c);
			const values = items(condition.values).map((v) => text(obj(v).value) ?? text(v) ?? '');
			return { key: text(condition.key) ?? '', values };
		}),
	};
}

/** The STS call needed to decode (lib/aws/sts.ts, signed with the player's credentials). */
export interface DecodingClient {
	decodeAuthorizationMessage(encodedMessage: string): Promise<{ DecodedMessage?: string }>;
}

/**
 * Decodes an encoded authorization failure message with sts:DecodeAuthorizationMessage. Rejects with the
 * SDK error (e.g. AccessDenied without that permission, InvalidAuthorizationMessageException for a bad
 * or expired message); resolves `null` if the answer is not readable JSON.
 */
export async function decodeAuthorizationMessage(
	client: DecodingClient,
	encodedMessage: string,
): Promise<DecodedAuthorization | null> {
	const output = await client.decodeAuthorizationMessage(encodedMessage);
	return output.DecodedMessage ? parseDecodedAuthorizationMessage(output.DecodedMessage) : null;
}
