/** The sandbox table as the mapping sees it, and helpers to map one DynamoDB request. */
import {
	mapRequest,
	RequestRejection,
	type DynamoDBCheck,
	type RequestEnvironment,
} from '../../../../src/lib/iam/request';

export const table = {
	tableName: 'GameScores',
	partitionKey: 'UserId',
	sortKey: 'GameTitle',
	indexes: { GameTitleIndex: { partitionKey: 'GameTitle', sortKey: 'TopScore' } },
};
export const env: RequestEnvironment = {
	region: 'us-east-1',
	accountId: '123456789012',
	bucket: 'fedplay-game-data',
	endpointHosts: ['localhost'],
	virtualHostBases: [],
	tables: [table],
};
export const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/GameScores';
export const indexArn = `${tableArn}/index/GameTitleIndex`;
export const S = (s: string) => ({ S: s });

/** The leaderboard's Query on the index, as the game makes it, before projection and filters. */
export const meteorOnIndex = {
	TableName: 'GameScores',
	IndexName: 'GameTitleIndex',
	KeyConditionExpression: 'GameTitle = :g',
	ExpressionAttributeValues: { ':g': S('Meteor') },
};

/** The mapping's answer or the rejection it threw, as one value a test can look at. */
type Outcome<T> =
	| { ok: true; value: T }
	| { ok: false; rejection: { status: number; code: string; message: string; extra?: object } };

export function outcomeOf<T>(run: () => T): Outcome<T> {
	try {
		return { ok: true, value: run() };
	} catch (error) {
		if (!(error instanceof RequestRejection)) throw error;
		const { status, code, message, extra } = error;
		return {
			ok: false,
			rejection: { status, code, message, ...(Object.keys(extra).length > 0 && { extra }) },
		};
	}
}

/** Helpers that map DynamoDB requests, with `checkDynamoDB` run first as the gateway runs its checks. */
export function dynamoDBMapper(checkDynamoDB?: DynamoDBCheck) {
	/** Maps a raw body (for inputs JSON.stringify could not build, e.g. nested 100,000 levels deep). */
	const mapBody = (operation: string, body: string) => {
		const request = {
			service: 'dynamodb' as const,
			method: 'POST',
			url: '/',
			headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` },
			body: new TextEncoder().encode(body),
		};
		return outcomeOf(() => mapRequest(request, env, checkDynamoDB ? { checkDynamoDB } : {}));
	};
	const map = (operation: string, input: unknown) => mapBody(operation, JSON.stringify(input));
	return {
		mapBody,
		map,
		authorizations(operation: string, input: unknown) {
			const mapped = map(operation, input);
			if (!mapped.ok)
				throw new Error(`rejected: ${mapped.rejection.code} ${mapped.rejection.message}`);
			return mapped.value.authorizations;
		},
		/** The rejection, or `undefined` when the request would be authorized. */
		rejection(operation: string, input: unknown) {
			const mapped = map(operation, input);
			return mapped.ok ? undefined : mapped.rejection;
		},
	};
}
