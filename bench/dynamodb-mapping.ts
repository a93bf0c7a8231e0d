/**
 * What checking a DynamoDB request costs the gateway (dynamodb-check.ts: shapes, quotas, parameter rules,
 * then the IAM mapping of src/lib/iam/request), per call after warm-up, beside JSON.parse of the same body
 * — the part no gateway can skip. Bodies: the app's leaderboard Query, a PutItem of the largest item
 * DynamoDB stores (400 KB), and two hostile ones of about 1 MiB (the body cap): a map nested 80,000 levels
 * deep, which the gateway refuses, and an item of 40,000 small attributes (320 KB, which it accepts).
 * Bounded loops, no I/O.
 */
import { dynamoDBChecks } from '../sandbox/gateway/dynamodb-check';
import { mapRequest, RequestRejection } from '../src/lib/iam/request';
// The sandbox table, as the mapping's tests see it.
import { env } from '../tests/unit/iam/request/dynamodb-fixture';

const checkDynamoDB = dynamoDBChecks(env);
const key = '"UserId":{"S":"alice"},"GameTitle":{"S":"Meteor"}';
const bodies: [string, string, string][] = [
	[
		'Query',
		'leaderboard Query',
		JSON.stringify({
			TableName: 'GameScores',
			IndexName: 'GameTitleIndex',
			KeyConditionExpression: 'GameTitle = :g',
			ExpressionAttributeValues: { ':g': { S: 'Meteor' } },
			ProjectionExpression: 'DisplayName, TopScore, TopScoreDateTime',
			Select: 'SPECIFIC_ATTRIBUTES',
			ScanIndexForward: false,
			Limit: 10,
		}),
	],
	[
		'PutItem',
		'PutItem of a 400 KB item',
		`{"TableName":"GameScores","Item":{${key},"P":{"S":"${'x'.repeat(409_500)}"}}}`,
	],
	[
		'PutItem',
		'PutItem nested 80,000 levels (refused)',
		`{"TableName":"GameScores","Item":{${key},"D":${'{"M":{"n":'.repeat(80_000)}{"S":"x"}${'}}'.repeat(80_000)}}}`,
	],
	[
		'PutItem',
		'PutItem of 40,000 attributes',
		`{"TableName":"GameScores","Item":{${key}${Array.from({ length: 40_000 }, (_, i) => `,"a${i}":{"N":"${i}"}`).join('')}}}`,
	],
];

function perCallMs(run: () => void, budgetMs: number): number {
	for (let i = 0; i < 3; i++) run();
	let runs = 0;
	const start = performance.now();
	while (performance.now() - start < budgetMs && runs < 100_000) {
		run();
		runs++;
	}
	return (performance.now() - start) / runs;
}

/** Maps as the gateway does; a refusal is an answer here, not a failure. */
function mapAsGateway(operation: string, body: Buffer): string {
	const request = {
		service: 'dynamodb' as const,
		method: 'POST',
		url: '/',
		headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` },
		body,
	};
	try {
		mapRequest(request, env, { checkDynamoDB });
		return 'authorized';
	} catch (error) {
		if (!(error instanceof RequestRejection)) throw error;
		return `refused: ${error.message.slice(0, 48)}`;
	}
}

export function benchDynamoDBMapping(): void {
	for (const [operation, name, text] of bodies) {
		const body = Buffer.from(text);
		const parse = perCallMs(() => JSON.parse(text), 300);
		const map = perCallMs(() => mapAsGateway(operation, body), 300);
		console.log(
			`ddb-mapping: ${name} (${(body.length / 1024).toFixed(0)} KiB): ${format(map)} per call, ` +
				`JSON.parse alone ${format(parse)} (${(map / parse).toFixed(1)}×); ` +
				mapAsGateway(operation, body),
		);
	}
}

function format(ms: number): string {
	return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}
