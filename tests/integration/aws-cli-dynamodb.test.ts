/**
 * Issue 13, with an independent client: Debian's AWS CLI v2 (botocore) drives the sandbox's DynamoDB as a
 * player would, signed with alice's temporary credentials from the sandbox's STS. Conditional writes,
 * TransactGetItems and ClientRequestToken idempotency, each answered as DynamoDB answers them; botocore
 * checks every answer's x-amz-crc32 on the way. The CLI 2.9 Debian ships predates
 * ReturnValuesOnConditionCheckFailure: dynamodb-parity.test.ts tests that one with the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { awsCliMissing, runAwsCli, type AwsCliTarget } from './aws-cli';
import { assumePlayerRole, startTestSandbox } from './gateway-clients';

const TableName = 'GameScores';
const key = (GameTitle: string) => ({ UserId: { S: 'oidc1/alice' }, GameTitle: { S: GameTitle } });
const json = (value: unknown) => JSON.stringify(value);
/** How botocore words a service's error on stderr; the CLI then exits with 254. */
const serviceError = (code: string, operation: string, message: string) =>
	`An error occurred (${code}) when calling the ${operation} operation: ${message}`;

let sandbox: Sandbox;
let alice: AwsCliTarget;

const aws = (...args: string[]) => runAwsCli(alice, args);

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

	async function getItem(GameTitle: string): Promise<unknown> {
		const got = await aws(
			'dynamodb',
			'get-item',
			'--table-name',
			TableName,
			'--key',
			json(key(GameTitle)),
			'--consistent-read',
		);
		expect(got).toMatchObject({ exitCode: 0, timedOut: false });
		return (got.json as { Item?: unknown } | undefined)?.Item;
	}

	describe('conditional writes', () => {
		const create = (GameTitle: string, wins: string) =>
			aws(
				'dynamodb',
				'put-item',
				'--table-name',
				TableName,
				'--item',
				json({ ...key(GameTitle), Wins: { N: wins } }),
				'--condition-expression',
				'attribute_not_exists(UserId)',
			);

		it('put-item --condition-expression: creates once, then fails with ConditionalCheckFailedException', async () => {
			expect(await create('Cli-Put', '1')).toMatchObject({ exitCode: 0, stderr: '' });
			const second = await create('Cli-Put', '2');
			expect(second.exitCode).toBe(254);
			expect(second.stderr).toContain(
				serviceError(
					'ConditionalCheckFailedException',
					'PutItem',
					'The conditional request failed',
				),
			);
			expect(await getItem('Cli-Put')).toEqual({ ...key('Cli-Put'), Wins: { N: '1' } });
		});

		it('update-item: applies when its condition holds, refuses when it does not', async () => {
			await create('Cli-Update', '5');
			const update = (limit: string) =>
				aws(
					'dynamodb',
					'update-item',
					'--table-name',
					TableName,
					'--key',
					json(key('Cli-Update')),
					'--update-expression',
					'SET Wins = Wins + :one',
					'--condition-expression',
					'Wins < :limit',
					'--expression-attribute-values',
					json({ ':one': { N: '1' }, ':limit': { N: limit } }),
					'--return-values',
					'UPDATED_NEW',
				);
			const applied = await update('10');
			expect(applied).toMatchObject({ exitCode: 0, json: { Attributes: { Wins: { N: '6' } } } });
			const refused = await update('6');
			expect(refused.exitCode).toBe(254);
			expect(refused.stderr).toContain(
				serviceError(
					'ConditionalCheckFailedException',
					'UpdateItem',
					'The conditional request failed',
				),
			);
			expect(await getItem('Cli-Update')).toEqual({ ...key('Cli-Update'), Wins: { N: '6' } });
		});

		it("is denied bob's partition in AWS's words", async () => {
			const denied = await aws(
				'dynamodb',
				'put-item',
				'--table-name',
				TableName,
				'--item',
				json({ UserId: { S: 'oidc1/bob' }, GameTitle: { S: 'Cli-Put' } }),
			);
			expect(denied.exitCode).toBe(254);
			expect(denied.stderr).toContain(
				'An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice is not authorized to perform: dynamodb:PutItem',
			);
		});
	});

	describe('transact-get-items', () => {
		it('reads her items in request order, {} for a missing one', async () => {
			await putWins('Cli-Get-1', 'Cli-Get-2');
			const got = await aws(
				'dynamodb',
				'transact-get-items',
				'--transact-items',
				json([
					{ Get: { TableName, Key: key('Cli-Get-2') } },
					{ Get: { TableName, Key: key('Cli-Get-Missing') } },
					{
						Get: {
							TableName,
							Key: key('Cli-Get-1'),
							ProjectionExpression: 'Wins',
						},
					},
				]),
			);
			expect(got).toMatchObject({ exitCode: 0, stderr: '' });
			expect(got.json).toEqual({
				Responses: [
					{ Item: { ...key('Cli-Get-2'), Wins: { N: '2' } } },
					{},
					{ Item: { Wins: { N: '1' } } },
				],
			});
		});

		it('answers with an x-amz-crc32 botocore verifies (it retries an answer whose CRC32 does not match)', async () => {
			const got = await aws(
				'dynamodb',
				'transact-get-items',
				'--transact-items',
				json([{ Get: { TableName, Key: key('Cli-Get-1') } }]),
				'--debug',
			);
			expect(got.exitCode).toBe(0);
			expect(got.stderr).toMatch(/'x-amz-crc32': '\d+'/);
			expect(got.stderr).not.toContain('crc32 checksum does not match');
			expect(got.stderr.match(/Response headers:/g)).toHaveLength(1);
		});

		it('refuses two Gets of one item with ValidationException', async () => {
			const got = await aws(
				'dynamodb',
				'transact-get-items',
				'--transact-items',
				json([
					{ Get: { TableName, Key: key('Cli-Get-1') } },
					{ Get: { TableName, Key: key('Cli-Get-1') } },
				]),
			);
			expect(got.exitCode).toBe(254);
			expect(got.stderr).toContain(
				serviceError(
					'ValidationException',
					'TransactGetItems',
					'Transaction request cannot include multiple operations on one item',
				),
			);
		});

		async function putWins(...titles: string[]) {
			for (const [i, title] of titles.entries()) {
				const put = await aws(
					'dynamodb',
					'put-item',
					'--table-name',
					TableName,
					'--item',
					json({ ...key(title), Wins: { N: String(i + 1) } }),
				);
				expect(put.exitCode).toBe(0);
			}
		}
	});

	describe('transact-write-items --client-request-token', () => {
		const increment = (GameTitle: string, by: string) =>
			json([
				{
					Update: {
						TableName,
						Key: key(GameTitle),
						UpdateExpression: 'ADD Wins :by',
						ExpressionAttributeValues: { ':by': { N: by } },
					},
				},
			]);
		const transact = (token: string, items: string) =>
			aws(
				'dynamodb',
				'transact-write-items',
				'--client-request-token',
				token,
				'--transact-items',
				items,
			);

		it('applies a retried transaction once, and refuses the token with other parameters', async () => {
			const token = 'cli-token-0001';
			expect(await transact(token, increment('Cli-Token', '1'))).toMatchObject({ exitCode: 0 });
			expect(await transact(token, increment('Cli-Token', '1'))).toMatchObject({ exitCode: 0 });
			expect(await getItem('Cli-Token')).toEqual({ ...key('Cli-Token'), Wins: { N: '1' } });
			const mismatch = await transact(token, increment('Cli-Token', '5'));
			expect(mismatch.exitCode).toBe(254);
			expect(mismatch.stderr).toContain(
				serviceError(
					'IdempotentParameterMismatchException',
					'TransactWriteItems',
					'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.',
				),
			);
			expect(await getItem('Cli-Token')).toEqual({ ...key('Cli-Token'), Wins: { N: '1' } });
			expect(await transact('cli-token-0002', increment('Cli-Token', '5'))).toMatchObject({
				exitCode: 0,
			});
			expect(await getItem('Cli-Token')).toEqual({ ...key('Cli-Token'), Wins: { N: '6' } });
		});
	});
});
