/**
 * Peels the wrappers SDKs and tools put around AWS messages (boto/CLI, Go, Java, PHP, XML and JSON bodies)
 * and undoes terminal line wrapping. Every pattern here is linear: no nested quantifiers, bounded repeats.
 */
import { AWS_ERROR_CODES } from '../aws/errors';

interface Unwrapped {
	code: string | null;
	service: string | null;
	operation: string | null;
	status: number | null;
	/** S3 `RequestTimeTooSkewed` bodies carry both clocks. */
	requestTime: string | null;
	serverTime: string | null;
	/** The text with wrapped lines joined and whitespace collapsed. */
	text: string;
}

/**
 * Error codes worth finding anywhere in a text (`… error: AccessDeniedException: User: …`): every code of
 * the app's table (lib/aws/errors.ts), with or without the `Exception` suffix JSON services add, except the
 * few that are also ordinary words in prose.
 */
const PROSE_WORDS = new Set(['Forbidden', 'NotFound', 'Validation']);
const KNOWN_CODE = new RegExp(
	`\\b(${Object.keys(AWS_ERROR_CODES)
		.filter((code) => !PROSE_WORDS.has(code))
		.map((code) => `${code}(?:Exception)?`)
		.join('|')})\\b`,
);

/** A line break right after these words is a sentence continuing, not an ARN wrapped by a terminal. */
const CONTINUATION =
	/^(?:is not|because|with |on resource|on this|for |or |go to|status code|\(|transitively)/i;

/**
 * Joins lines a terminal wrapped inside an ARN (`…CronJo` + `bService…`), drops Terraform's gutter, then
 * collapses whitespace.
 */
function joinWrappedLines(text: string): string {
	// Terraform starts each line of a diagnostic with a gutter (│, and ╷ ╵ around it).
	const lines = text.split(/\r?\n/).map((line) => line.replace(/^[ \t]*[│╷╵][ \t]?/, ''));
	let out = lines[0] ?? '';
	for (const line of lines.slice(1)) {
		const lastToken = out.slice(out.lastIndexOf(' ') + 1);
		const insideArn =
			/^"?arn:/.test(lastToken) &&
			!/["'.,]$/.test(lastToken) &&
			!/\s$/.test(out) &&
			/^\S/.test(line) &&
			!CONTINUATION.test(line);
		out += insideArn ? line : ' ' + line;
	}
	return out.replace(/\s+/g, ' ').trim();
}

function first(pattern: RegExp, text: string): string | null {
	const match = pattern.exec(text);
	return match?.[1] ?? null;
}

function normalizeService(raw: string | null): string | null {
	if (!raw) return null;
	const lower = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
	if (lower.includes('dynamodb')) return 'DynamoDB';
	if (lower === 's3' || lower === 'amazons3') return 'S3';
	if (lower === 'sts' || lower.includes('securitytoken')) return 'STS';
	return raw.trim();
}

function codeFromText(text: string): string | null {
	return (
		first(/<Code>\s*([\w.]{1,100})\s*<\/Code>/, text) ??
		first(/"__type"\s*:\s*"(?:[\w.]{0,100}#)?([\w.]{1,100})"/, text) ??
		first(/"Code"\s*:\s*"([\w.]{1,100})"/, text) ??
		first(/An error occurred \(([\w.]{1,100})\) when calling/, text) ??
		first(/api error ([\w.]{1,100}):/, text) ??
		first(/RequestID: [\w-]{0,100}, ([A-Z][\w.]{1,100}):/, text) ??
		first(/Error Code: ([\w.]{1,100})/, text) ??
		first(/\b([A-Z][\w.]{1,100}) \((?:client|server)\):/, text) ??
		first(KNOWN_CODE, text)
	);
}

/** Finds code, service, operation and status in wrapped or raw AWS error text. */
export function unwrap(raw: string): Unwrapped {
	const text = joinWrappedLines(raw);
	const status =
		first(/StatusCode: (\d{3})/, text) ??
		first(/Status Code: (\d{3})/i, text) ??
		first(/"statusCode"\s*:\s*(\d{3})/, text) ??
		first(/\b(\d{3}) (?:Forbidden|Bad Request|Slow Down|Service Unavailable)\b/, text);
	const service =
		first(/operation error ([\w ]{1,40}?): \w/, text) ??
		first(/\(Service: ([\w ]{1,40}?)[;,)]/, text) ??
		(/sts\.amazonaws\.com\/doc/.test(text) ? 'STS' : null);
	const operation =
		first(/when calling the (\w{1,100}) operation/, text) ??
		first(/operation error [\w ]{1,40}?: (\w{1,100}),/, text) ??
		first(/Error executing "(\w{1,100})"/, text);
	return {
		code: codeFromText(text),
		service: normalizeService(service),
		operation,
		status: status ? Number(status) : null,
		requestTime: first(/<RequestTime>([^<]{1,64})<\/RequestTime>/, text),
		serverTime: first(/<ServerTime>([^<]{1,64})<\/ServerTime>/, text),
		text,
	};
}
