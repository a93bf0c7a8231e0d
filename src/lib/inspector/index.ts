/**
 * The inspector's pure core: explain AWS errors, redact secrets, log every AWS call (SDK middleware), and
 * explain the app's own denials against the session's policies. UI components build on these.
 */
export { explainAwsError } from './explain-error';
export type { AwsErrorExplanation, DeniedPolicyType, ErrorCategory } from './types';
export { redactBody, redactHeaders, redactSecret, redactUrl } from './redact';
export {
	CallLog,
	attachInspector,
	type CallLogEntry,
	type CallLogFilter,
	type CallLogListener,
	type LoggedRequest,
	type LoggedResponse,
} from './call-log';
export type { InspectableClient, InspectorOptions } from './call-log-middleware';
export {
	explainDenial,
	type DenialExplanation,
	type DenialOptions,
	type FailedCondition,
	type ResourceNearMiss,
} from './explain-denial';
export { requestContextOf, type SessionIdentity } from './request-context';
export {
	decodeAuthorizationMessage,
	parseDecodedAuthorizationMessage,
	type DecodedAuthorization,
	type DecodedStatement,
	type DecodingClient,
} from './decode-message';
