/** More than this between the device and AWS, and the player is told their clock is off. */
const CLOCK_OFF_THRESHOLD_MS = 60_000;

/** True when the device clock is off by more than `toleranceMs` either way. */
export function isClockOff(skewMs: number, toleranceMs: number = CLOCK_OFF_THRESHOLD_MS): boolean {
	return Math.abs(skewMs) > toleranceMs;
}
