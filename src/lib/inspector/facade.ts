/**
 * What the inspector's screens use of the layers below, which they may not import themselves: the call
 * log's entry shape, JWT time claims, the redaction of secrets, policy sets and the data layout.
 */
export { isFailure, type CallLogEntry } from '../aws/call-log';
export { claimTimes } from '../aws/jwt';
export { redactSecret } from '../aws/redact';
export { playerPartition, playerPrefix, type PlayerIdentity } from '../config/data-layout';
export type { PolicySet } from '../iam';
