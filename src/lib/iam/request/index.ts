/**
 * The request → IAM mapping, pure TypeScript with no Node or DOM APIs: the sandbox gateway decides with it,
 * the inspector (in its own lazy chunk) explains with it.
 */
export { mapRequest } from './map-request';
export { RequestRejection } from './rejection';
export { tableSchemaOf, type TableSchema } from './table-schema';
export type { DynamoDBCheck } from './dynamodb-request';
export type { Authorization, RequestEnvironment, WireRequest } from './types';
export { parseDeleteObjects, MAX_DELETE_OBJECTS } from './s3-delete-objects';
export type { S3Operation, S3Request } from './s3-request';
