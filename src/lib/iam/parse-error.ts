/**
 * A policy document that cannot be used. STS answers such a document with `MalformedPolicyDocument` (HTTP 400),
 * so the code is that name. The message is the problem in IAM's own words (`detail`), after the statement it is
 * in — `Statement 2 (OwnScores): Unknown condition operator StringEqual.` — which IAM leaves out and the sandbox
 * adds, so that a template's author finds the statement.
 */
export class PolicyParseError extends Error {
	override readonly name = 'PolicyParseError';
	readonly code = 'MalformedPolicyDocument';
	/** The problem alone, in IAM's words where IAM has some. */
	readonly detail: string;
	/** Index in the Statement array, when the problem is inside one statement. */
	readonly statementIndex: number | undefined;
	/** That statement's Sid, when it has one. */
	readonly sid: string | undefined;

	constructor(detail: string, statementIndex?: number, sid?: string) {
		super(
			statementIndex === undefined ? detail : `${statementLabel(statementIndex, sid)}: ${detail}`,
		);
		this.detail = detail;
		this.statementIndex = statementIndex;
		this.sid = sid;
	}
}

/** `Statement 2` or `Statement 2 (OwnScores)`. */
function statementLabel(index: number, sid: string | undefined): string {
	return sid ? `Statement ${index} (${sid})` : `Statement ${index}`;
}
