import type { DeniedParts } from './parse-denied';

/**
 * Reads a decoded authorization message (sts:DecodeAuthorizationMessage) from pasted text: raw JSON,
 * jq's pretty print, or the CLI's output where the JSON is escaped inside "DecodedMessage". People paste
 * it cut short or re-wrapped, so this looks up keys with indexOf instead of parsing, which also keeps it
 * linear. Booleans may be strings ("false"), as in AWS's documented example. (decode-message.ts parses the
 * whole JSON that STS returns to the app; it lives apart because it brings the STS client with it.)
 */

/** The JSON string or literal after `"key":` at or after `from`, within `within` characters. */
function valueAfter(text: string, key: string, from: number, within = 4000): string | null {
	const at = text.indexOf(`"${key}"`, from);
	if (at < 0 || at - from > within) return null;
	const after = at + key.length + 2;
	const match = /^\s*:\s*(?:"([^"]{0,2048})"|(true|false))/.exec(text.slice(after, after + 2100));
	return match ? (match[1] ?? match[2] ?? null) : null;
}

/** `RunInstances` with an `aws:Service` condition of `ec2` is `ec2:RunInstances`. */
function qualify(action: string | null, text: string, from: number): string | null {
	if (!action || action.includes(':')) return action;
	const key = text.indexOf('"aws:Service"', from);
	const service = key >= 0 ? valueAfter(text, 'value', key, 200) : null;
	return service ? `${service}:${action}` : action;
}

/** The parts a decoded message states, or `null` when the text is not one. */
export function readDecodedMessage(raw: string): Partial<DeniedParts> | null {
	const text = raw.includes('\\"allowed\\"') ? raw.replace(/\\"/g, '"') : raw;
	const allowed = valueAfter(text, 'allowed', 0, Infinity);
	const context = text.indexOf('"context"');
	if (allowed !== 'false' || context < 0) return null;
	const principal = text.indexOf('"principal"', context);
	const explicitDeny = valueAfter(text, 'explicitDeny', 0, Infinity);
	return {
		principal: principal >= 0 ? valueAfter(text, 'arn', principal, 2000) : null,
		action: qualify(valueAfter(text, 'action', context), text, context),
		resource: valueAfter(text, 'resource', context),
		denyKind: explicitDeny === 'true' ? 'explicit' : explicitDeny === 'false' ? 'implicit' : null,
	};
}
