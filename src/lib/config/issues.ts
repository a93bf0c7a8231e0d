import * as v from 'valibot';

type AnySchema = v.GenericSchema;

/** One bad field of the runtime config, in words a person can act on. */
export interface ConfigIssue {
	/** e.g. `providers[1].roleArn`; `(config)` for the document itself. */
	path: string;
	expected: string;
	/** A short description of the value found; config holds no secrets, but long values are cut. */
	found: string;
}

const MAX_SHOWN = 80;

/** `providers[1].roleArn` from valibot's path items. */
function issuePath(issue: v.BaseIssue<unknown>): string {
	const keys = issue.path?.map((item) => item.key) ?? [];
	if (keys.length === 0) return '(config)';
	return keys
		.map((key, i) =>
			typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
		)
		.join('');
}

/** What was found, briefly: `missing`, `"us-east"`, `42`, `a list of 0 items`, `an object`. */
export function describeFound(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
		return JSON.stringify(shown);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
	return `a ${typeof value}`.replace('a object', 'an object');
}

/** The schema of the field at `keys`, walking objects, arrays and pipes. */
function schemaAt(schema: AnySchema, keys: readonly unknown[]): AnySchema | undefined {
	let current: AnySchema | undefined = schema;
	for (const key of keys) {
		while (current && 'pipe' in current) current = (current.pipe as AnySchema[])[0];
		if (current && 'entries' in current)
			current = (current.entries as Record<string, AnySchema>)[String(key)];
		else if (current && 'item' in current) current = current.item as AnySchema;
		else return undefined;
	}
	return current;
}

/**
 * What a field expects. valibot reports a missing key with its parent object's message, so ask the field's
 * own schema what it says about `undefined`.
 */
function expectedFor(issue: v.BaseIssue<unknown>, root: AnySchema | undefined): string {
	const last = issue.path?.at(-1);
	if (!root || last?.origin !== 'key') return issue.message;
	const field = schemaAt(root, issue.path?.map((item) => item.key) ?? []);
	const own = field ? v.safeParse(field, undefined).issues?.[0]?.message : undefined;
	return own ?? issue.message;
}

/** Flatten valibot issues to one entry per bad field (the first complaint about a field wins). */
export function toConfigIssues(
	issues: readonly v.BaseIssue<unknown>[],
	root?: AnySchema,
): ConfigIssue[] {
	const byPath = new Map<string, ConfigIssue>();
	for (const issue of issues) {
		const path = issuePath(issue);
		if (!byPath.has(path)) {
			byPath.set(path, {
				path,
				expected: expectedFor(issue, root),
				found: describeFound(issue.input),
			});
		}
	}
	return [...byPath.values()];
}
