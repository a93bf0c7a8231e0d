/**
 * The request → IAM mapping, pure TypeScript with no Node or DOM APIs: the sandbox gateway decides with it,
 * the inspector (in its own lazy chunk) explains with it.
 */
export { mapRequest } from './map-request';
export { RequestRejection } from './rejection';
export { tableSchemaOf, type TableSchema } from './table-schema';
export type { DynamoDBCheck } from './dynamodb-request';
export type { Authorization, RequestEnvironment, WireRequest } from './types';
