/**
 * The STS client's chunk (with the SDK), asked for directly on the sign-in callback beside the STS module,
 * not by that module once it has arrived (a chain of two downloads, issue 18). Tiny and static in the first
 * bundle: it holds only the import.
 */
export function preloadStsSdk(): Promise<unknown> {
	return import('../aws/sts');
}
