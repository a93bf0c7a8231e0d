/**
 * Issue 13, with an independent client: Debian's AWS CLI v2 (botocore) drives the sandbox's DynamoDB as a
 * player would, signed with alice's temporary credentials from the sandbox's STS. Conditional writes,
 * TransactGetItems and ClientRequestToken idempotency, each answered as DynamoDB answers them; botocore
 * checks every answer's x-amz-crc32 on the way. The CLI 2.9 Debian ships predates
 * ReturnValuesOnConditionCheckFailure: dynamodb-parity.test.ts tests that one with the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { awsCliMissing, cliArgs, runAwsCli, type AwsCliTarget } from './aws-cli';
import { assumePlayerRole, startTestSandbox } from './gateway-clients';

const TableName = 'GameScores';
const key = (GameTitle: string) => ({ UserId: { S: 'oidc1/alice' }, GameTitle: { S: GameTitle } });
const withWins = (GameTitle: string, wins: number) => ({
	...key(GameTitle),
	Wins: { N: String(wins) },
});
/** How botocore words a service's error on stderr; the CLI then exits with 254. */
const serviceError = (code: string, operation: string, message: string) =>
	`An error occurred (${code}) when calling the ${operation} operation: ${message}`;
const CONDITION_FAILED = 'The conditional request failed';

let sandbox: Sandbox;
let alice: AwsCliTarget;

/** `aws dynamodb <command> --table-name GameScores …` as alice (transactions name their tables per item). */
function dynamodb(command: string, parameters: Record<string, string | true | object>) {
	const table: Record<string, string> = command.startsWith('transact-')
		? {}
		: { 'table-name': TableName };
	return runAwsCli(alice, cliArgs('dynamodb', command, { ...table, ...parameters }));
}

async function stored(GameTitle: string): Promise<unknown> {
	const got = await dynamodb('get-item', { key: key(GameTitle), 'consistent-read': true });
	expect(got).toMatchObject({ exitCode: 0, timedOut: false });
	return (got.json as { Item?: unknown } | undefined)?.Item;
}

async function failsWith(
	run: Promise<{ exitCode: number | null; stderr: string }>,
	error: string,
): Promise<void> {
	const result = await run;
	expect(result.exitCode).toBe(254);
	expect(result.stderr).toContain(error);
}

// Each CLI run starts a Python interpreter (about half a second, more on a busy machine): a test that runs
// several gets a generous guard against a hang.
describe.skipIf(awsCliMissing() !== null)('the AWS CLI on DynamoDB', { timeout: 120_000 }, () => {
	beforeAll(async () => {
		sandbox = await startTestSandbox();
		alice = {
			endpoint: sandbox.awsEndpoint,
			region: sandbox.config.region,
			credentials: await assumePlayerRole(sandbox, 'alice'),
		};
	});

	afterAll(async () => {
		await sandbox?.close();
	});

	describe('conditional writes', () => {
		const create = (GameTitle: string, wins: number) =>
			dynamodb('put-item', {
				item: withWins(GameTitle, wins),
				'condition-expression': 'attribute_not_exists(UserId)',
			});

		it('put-item --condition-expression: creates once, then fails with ConditionalCheckFailedException', async () => {
			expect(await create('Cli-Put', 1)).toMatchObject({ exitCode: 0, stderr: '' });
			await failsWith(
				create('Cli-Put', 2),
				serviceError('ConditionalCheckFailedException', 'PutItem', CONDITION_FAILED),
			);
			expect(await stored('Cli-Put')).toEqual(withWins('Cli-Put', 1));
		});

		it('update-item: applies when its condition holds, refuses when it does not', async () => {
			await create('Cli-Update', 5);
			const update = (limit: string) =>
				dynamodb('update-item', {
					key: key('Cli-Update'),
					'update-expression': 'SET Wins = Wins + :one',
					'condition-expression': 'Wins < :limit',
					'expression-attribute-values': { ':one': { N: '1' }, ':limit': { N: limit } },
					'return-values': 'UPDATED_NEW',
				});
			expect(await update('10')).toMatchObject({
				exitCode: 0,
				json: { Attributes: { Wins: { N: '6' } } },
			});
			await failsWith(
				update('6'),
				serviceError('ConditionalCheckFailedException', 'UpdateItem', CONDITION_FAILED),
			);
			expect(await stored('Cli-Update')).toEqual(withWins('Cli-Update', 6));
		});

		it("is denied bob's partition in AWS's words", async () => {
			await failsWith(
				dynamodb('put-item', { item: { UserId: { S: 'oidc1/bob' }, GameTitle: { S: 'Cli-Put' } } }),
				serviceError(
					'AccessDeniedException',
					'PutItem',
					'User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/GameScores because no identity-based policy allows the dynamodb:PutItem action',
				),
			);
		});
	});

	describe('transact-get-items', () => {
		const get = (GameTitle: string, extra: object = {}) => ({
			Get: { TableName, Key: key(GameTitle), ...extra },
		});

		beforeAll(async () => {
			for (const [title, wins] of [
				['Cli-Get-1', 1],
				['Cli-Get-2', 2],
			] as const)
				expect(await dynamodb('put-item', { item: withWins(title, wins) })).toMatchObject({
					exitCode: 0,
				});
		});

		it('reads her items in request order, {} for a missing one', async () => {
			const got = await dynamodb('transact-get-items', {
				'transact-items': [
					get('Cli-Get-2'),
					get('Cli-Get-Missing'),
					get('Cli-Get-1', { ProjectionExpression: 'Wins' }),
				],
			});
			expect(got).toMatchObject({ exitCode: 0, stderr: '' });
			expect(got.json).toEqual({
				Responses: [{ Item: withWins('Cli-Get-2', 2) }, {}, { Item: { Wins: { N: '1' } } }],
			});
		});

		it('answers with an x-amz-crc32 botocore verifies (it retries an answer whose CRC32 does not match)', async () => {
			const got = await dynamodb('transact-get-items', {
				'transact-items': [get('Cli-Get-1')],
				debug: true,
			});
			expect(got.exitCode).toBe(0);
			expect(got.stderr).toMatch(/'x-amz-crc32': '\d+'/);
			expect(got.stderr).not.toContain('crc32 checksum does not match');
			expect(got.stderr.match(/Response headers:/g)).toHaveLength(1);
		});

		it('refuses two Gets of one item with ValidationException', async () => {
			await failsWith(
				dynamodb('transact-get-items', { 'transact-items': [get('Cli-Get-1'), get('Cli-Get-1')] }),
				serviceError(
					'ValidationException',
					'TransactGetItems',
					'Transaction request cannot include multiple operations on one item',
				),
			);
		});
	});

	describe('transact-write-items --client-request-token', () => {
		const transact = (token: string, by: number) =>
			dynamodb('transact-write-items', {
				'client-request-token': token,
				'transact-items': [
					{
						Update: {
							TableName,
							Key: key('Cli-Token'),
							UpdateExpression: 'ADD Wins :by',
							ExpressionAttributeValues: { ':by': { N: String(by) } },
						},
					},
				],
			});

		it('applies a retried transaction once, and refuses the token with other parameters', async () => {
			expect(await transact('cli-token-0001', 1)).toMatchObject({ exitCode: 0 });
			expect(await transact('cli-token-0001', 1)).toMatchObject({ exitCode: 0 });
			expect(await stored('Cli-Token')).toEqual(withWins('Cli-Token', 1));
			await failsWith(
				transact('cli-token-0001', 5),
				serviceError(
					'IdempotentParameterMismatchException',
					'TransactWriteItems',
					'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.',
				),
			);
			expect(await stored('Cli-Token')).toEqual(withWins('Cli-Token', 1));
			expect(await transact('cli-token-0002', 5)).toMatchObject({ exitCode: 0 });
			expect(await stored('Cli-Token')).toEqual(withWins('Cli-Token', 6));
		});
	});
});
