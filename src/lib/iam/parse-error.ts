/**
 * A policy document that cannot be used. STS answers such a document with `MalformedPolicyDocument` (HTTP 400),
 * so the code is that name; the message names the element and, where there is one, the statement index.
 */
export class PolicyParseError extends Error {
	override readonly name = 'PolicyParseError';
	readonly code = 'MalformedPolicyDocument';
	/** Index in the Statement array, when the problem is inside one statement. */
	readonly statementIndex: number | undefined;

	constructor(message: string, statementIndex?: number) {
		super(statementIndex === undefined ? message : `Statement ${statementIndex}: ${message}`);
		this.statementIndex = statementIndex;
	}
}
