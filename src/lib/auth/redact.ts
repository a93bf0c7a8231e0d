/** `ASIA…WXYZ`: enough to tell keys apart, never the whole key id. */
export function redactAccessKeyId(accessKeyId: string): string {
	if (accessKeyId.length < 12) return '…';
	return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}
