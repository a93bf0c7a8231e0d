/**
 * The IAM policy evaluator: parse policy documents once, then decide requests the way AWS does and say why.
 * Pure TypeScript with no Node or DOM APIs: the sandbox decides with it, the inspector explains with it.
 */
export { parsePolicy } from './parse';
export { PolicyParseError } from './parse-error';
export { policySize } from './validate';
export { evaluate, evaluateTrust } from './evaluate';
export { formatAccessDeniedMessage, type MessageOptions } from './message';
export type * from './types';
