import { redactSecret } from '../aws/redact';

/** An AccessKeyId as the app shows it (`ASIA…WXYZ`): enough to tell keys apart, never the whole id. */
export function showAccessKeyId(accessKeyId: string): string {
	return redactSecret(accessKeyId);
}
