/** Maps one DynamoDB request as the gateway does: its DynamoDB checks first, then the shared mapping. */
import { dynamoDBChecks } from '../../../sandbox/gateway/dynamodb-check';
import { dynamoDBMapper, env } from '../iam/request/dynamodb-fixture';

export { S } from '../iam/request/dynamodb-fixture';
export const { mapBody, rejection } = dynamoDBMapper(dynamoDBChecks(env));
