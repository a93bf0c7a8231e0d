import { stsMessageRule } from '../aws/error-text';
import { adviceFor } from './advice';
import { deniedHints, deniedSummary } from './advice-denied';
import { classify } from './classify';
import { parseDenied, type DeniedParts } from './parse-denied';
import { readDecodedMessage } from './read-decoded';
import { readErrorInput } from './read-error';
import type { AwsErrorExplanation } from './types';
import { unwrap } from './unwrap';

export type { AwsErrorExplanation, DeniedPolicyType, ErrorCategory } from './types';

const FALLBACK: AwsErrorExplanation = {
	category: 'unknown',
	code: null,
	principal: null,
	action: null,
	resource: null,
	denyKind: null,
	policyType: null,
	policyArn: null,
	encodedMessage: null,
	summary: 'The error could not be read.',
	hints: ['Look at the raw (redacted) response in the call log.'],
};

/** What a pasted decoded authorization message states wins over what the surrounding text says. */
function withDecoded(parts: DeniedParts, decoded: Partial<DeniedParts> | null): DeniedParts {
	if (!decoded) return parts;
	const stated = Object.entries(decoded).filter(([, value]) => value !== null);
	return { ...parts, ...Object.fromEntries(stated) };
}

function explain(input: unknown): AwsErrorExplanation {
	const read = readErrorInput(input);
	const wrapped = unwrap(read.text);
	const code = read.code ?? wrapped.code;
	const service = read.service ?? wrapped.service;
	const decoded = readDecodedMessage(read.text);
	const category = decoded
		? 'access-denied'
		: classify({
				code,
				text: wrapped.text,
				status: read.status ?? wrapped.status,
				service,
				operation: wrapped.operation,
			});
	const parts = withDecoded(parseDenied(wrapped.text), decoded);
	const base = { ...FALLBACK, category, code, encodedMessage: parts.encodedMessage };
	if (category !== 'access-denied') {
		return { ...base, ...adviceFor(category, { ...wrapped, code }) };
	}
	const bare = !parts.action && /\baccess denied\b/i.test(wrapped.text);
	return {
		...base,
		principal: parts.principal,
		action: parts.action,
		resource: parts.resource,
		denyKind: parts.denyKind,
		policyType: parts.policyType,
		policyArn: parts.policyArn,
		summary: deniedSummary(parts),
		hints: deniedHints(parts, bare ? (service ?? 'S3') : service),
	};
}

/**
 * Explains an AWS error in plain words: an SDK v3 error, `{ message, code?, status?, service? }`, a pasted
 * message, or anything else. Pure and total: it never throws and stays fast on hostile input.
 */
export function explainAwsError(input: unknown): AwsErrorExplanation {
	try {
		return withStsRule(explain(input), input);
	} catch {
		return { ...FALLBACK, hints: [...FALLBACK.hints] };
	}
}

/** STS's words that name a rule (session tags, source identity, role chaining): its meaning leads. */
function withStsRule(explained: AwsErrorExplanation, input: unknown): AwsErrorExplanation {
	const read = readErrorInput(input);
	const rule = stsMessageRule(explained.code ?? read.code, unwrap(read.text).text);
	if (!rule) return explained;
	return { ...explained, summary: rule.meaning, hints: [rule.hint, ...explained.hints] };
}
