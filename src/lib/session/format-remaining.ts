/** `mm:ss` below an hour, `h:mm:ss` above; never negative. */
export function formatRemaining(seconds: number): string {
	const s = Math.max(0, Math.floor(seconds));
	const two = (n: number) => String(n).padStart(2, '0');
	const hours = Math.floor(s / 3600);
	const minutes = Math.floor((s % 3600) / 60);
	const rest = `${two(minutes)}:${two(s % 60)}`;
	return hours > 0 ? `${hours}:${rest}` : rest;
}

/** What a screen reader hears, at minute granularity so a live region does not chatter every second. */
export function describeRemaining(seconds: number): string {
	if (seconds <= 0) return 'Credentials expired';
	const minutes = Math.ceil(seconds / 60);
	return minutes === 1 ? 'Less than a minute left' : `About ${minutes} minutes left`;
}
