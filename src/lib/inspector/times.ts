/** Reads the clocks AWS prints in skew and expiry messages, so a hint can say by how much. */

/** `20140325T143453Z` (SigV4 basic format) or an ISO 8601 date-time; milliseconds since the epoch. */
function parseAwsTime(value: string): number | null {
	const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
	const iso = basic
		? `${basic[1]}-${basic[2]}-${basic[3]}T${basic[4]}:${basic[5]}:${basic[6]}Z`
		: value.trim();
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? null : ms;
}

/** `1 h 5 min`, `18 min`, `40 s`: rounded, for people. */
export function formatDuration(ms: number): string {
	const seconds = Math.round(Math.abs(ms) / 1000);
	if (seconds < 90) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 90) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	return `${hours} h ${minutes % 60} min`;
}

/**
 * How far the caller's clock was from AWS's (positive: ahead), from `Signature expired: A is now earlier
 * than B (C - 15 min.)`, `Signature not yet current: A is still later than B (C + 15 min.)`, or an S3
 * body's RequestTime and ServerTime.
 */
export function clockOffset(
	text: string,
	requestTime: string | null,
	serverTime: string | null,
): number | null {
	const signature =
		/signature (?:expired|not yet current): (\d{8}T\d{6}Z) is \w+ \w+ than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) [+-]/i.exec(
			text,
		);
	const mine = signature?.[1] ?? requestTime;
	const theirs = signature?.[2] ?? serverTime;
	if (!mine || !theirs) return null;
	const a = parseAwsTime(mine);
	const b = parseAwsTime(theirs);
	return a === null || b === null ? null : a - b;
}

/** How long ago the web identity token expired: `current date/time T must be before … date/time E`. */
export function tokenExpiredFor(text: string): number | null {
	const match =
		/current date\/time (\d{9,11}) must be before the expiration date\/time ?(\d{9,11})/i.exec(
			text,
		);
	return match ? (Number(match[1]) - Number(match[2])) * 1000 : null;
}
