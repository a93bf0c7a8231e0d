/**
 * IAM User Guide, "Grammar of the IAM JSON policy language", notes: "Individual elements must not contain multiple
 * instances of the same key. For example, you cannot include the Effect block twice in the same statement."
 * `JSON.parse` keeps the last of two — `{"Effect": "Deny", …, "Effect": "Allow"}` would silently allow — so policy
 * text is scanned for a repeated key before it is read. One pass, no recursion; the text is valid JSON already.
 */

/** The first key an object of `text` repeats (compared after unescaping), or null. */
export function repeatedKey(text: string): string | null {
	// One entry per open object (its keys so far) or array (null).
	const open: (Set<string> | null)[] = [];
	let expectKey = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charAt(i);
		if (ch === '"') {
			const end = closingQuote(text, i);
			const keys = open.at(-1);
			if (expectKey && keys) {
				const key = JSON.parse(text.slice(i, end + 1)) as string;
				if (keys.has(key)) return key;
				keys.add(key);
				expectKey = false;
			}
			i = end;
		} else if (ch === '{' || ch === '[') {
			open.push(ch === '{' ? new Set() : null);
			expectKey = ch === '{';
		} else if (ch === '}' || ch === ']') {
			open.pop();
			expectKey = false;
		} else if (ch === ',') expectKey = open.at(-1) instanceof Set;
	}
	return null;
}

/** Index of the quote that closes the string opening at `start`. */
function closingQuote(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		const ch = text.charAt(i);
		if (ch === '\\') i++;
		else if (ch === '"') return i;
	}
	return text.length - 1;
}
