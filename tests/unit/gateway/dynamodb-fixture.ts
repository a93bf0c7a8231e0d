/** The gateway's view of the sandbox table, and helpers to map one DynamoDB request as the gateway does. */
import { mapDynamoDBRequest } from '../../../sandbox/gateway/dynamodb-request';

export const table = {
	tableName: 'GameScores',
	partitionKey: 'UserId',
	sortKey: 'GameTitle',
	indexes: { GameTitleIndex: { partitionKey: 'GameTitle', sortKey: 'TopScore' } },
};
export const env = { region: 'us-east-1', accountId: '123456789012', table };
export const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores';
export const indexArn = `${tableArn}/index/GameTitleIndex`;
export const S = (s: string) => ({ S: s });

/** Maps a raw body (for inputs JSON.stringify could not build, e.g. nested 100,000 levels deep). */
export function mapBody(operation: string, body: string) {
	return mapDynamoDBRequest(`DynamoDB_20120810.${operation}`, Buffer.from(body), env);
}

export function map(operation: string, input: unknown) {
	return mapBody(operation, JSON.stringify(input));
}

export function authorizations(operation: string, input: unknown) {
	const mapped = map(operation, input);
	if (!mapped.ok) throw new Error(`rejected: ${mapped.rejection.code} ${mapped.rejection.message}`);
	return mapped.value.authorizations;
}

/** The rejection, or `undefined` when the gateway would authorize the request. */
export function rejection(operation: string, input: unknown) {
	const mapped = map(operation, input);
	return mapped.ok ? undefined : mapped.rejection;
}
