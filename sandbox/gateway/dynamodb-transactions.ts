/**
 * TransactWriteItems for the sandbox, which dynalite lacks. Runs on dynalite's own single-item operations,
 * one transaction at a time: (1) read every item, (2) check every item's condition with a write that
 * changes nothing, (3) if all hold, apply the writes in order, each still conditional, undoing the ones
 * already applied if a concurrent non-transactional write got in between. Failures answer as DynamoDB does:
 * TransactionCanceledException with one CancellationReason per item, in request order.
 * Not emulated: ClientRequestToken idempotency (conditions give the same effect to Fedplay's writes).
 */
import { Agent, request as httpRequest, type ServerResponse } from 'node:http';
import { dynamoDbErrorType, newRequestId, requestIdHeaders } from '../errors';
import { documentedPart } from '../../src/lib/iam/request/dynamodb-parts';
import type { TableSchema } from '../../src/lib/iam/request';

type Json = Record<string, unknown>;
interface Answer {
	status: number;
	body: Json;
}

interface Reason {
	Code: string;
	Message?: string;
	Item?: Json;
}

interface Step {
	kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
	part: Json;
	key: Json;
}

const FAILED: Reason = {
	Code: 'ConditionalCheckFailed',
	Message: 'The conditional request failed',
};
const NOOP_NAMES = { '#fedplay_pk': '', '#fedplay_noop': '__fedplay_noop__' };

export class DynamoDBTransactions {
	readonly #url: string;
	readonly #table: TableSchema;
	readonly #agent = new Agent({ keepAlive: true, maxSockets: 16 });
	#queue: Promise<unknown> = Promise.resolve();

	/** `url`: dynalite's own URL; `table`: the sandbox table's key schema. */
	constructor(url: string, table: TableSchema) {
		this.#url = url;
		this.#table = table;
	}

	/** Answers one TransactWriteItems request (already authorized item by item) into `res`. */
	async transactWriteItems(body: Buffer, res: ServerResponse): Promise<void> {
		const run = this.#queue.then(() => this.#transact(JSON.parse(body.toString('utf8')) as Json));
		this.#queue = run.catch(() => undefined);
		const answer = await run.catch((): Answer => ({
			status: 500,
			body: { __type: dynamoDbErrorType('InternalFailure'), message: 'Internal failure' },
		}));
		const text = JSON.stringify(answer.body);
		res.statusCode = answer.status;
		for (const [name, value] of Object.entries(
			requestIdHeaders('dynamodb', newRequestId('dynamodb')),
		))
			res.setHeader(name, value);
		res.setHeader('Content-Type', 'application/x-amz-json-1.0');
		res.setHeader('Content-Length', Buffer.byteLength(text));
		res.end(text);
	}

	close(): void {
		this.#agent.destroy();
	}

	async #transact(input: Json): Promise<Answer> {
		const steps = this.#steps(input);
		if (!Array.isArray(steps)) return steps;
		const snapshots = await Promise.all(steps.map((s) => this.#get(s)));
		const reasons: Reason[] = [];
		for (const [i, step] of steps.entries()) {
			const checked = await this.#check(step, snapshots[i]);
			if (!('Code' in checked)) return checked;
			reasons.push(checked);
		}
		if (reasons.some((r) => r.Code !== 'None')) return cancelled(reasons);
		const applied: { step: Step; old: Json | undefined }[] = [];
		for (const [i, step] of steps.entries()) {
			if (step.kind === 'ConditionCheck') continue;
			const answer = await this.#call(`${step.kind}Item`, {
				...documentedPart(step.kind, step.part),
				ReturnValues: 'ALL_OLD',
			});
			if (answer.status !== 200) {
				await this.#undo(applied);
				if (!isConditionFailure(answer)) return answer;
				const raced = steps.map((): Reason => ({ Code: 'None' }));
				raced[i] = { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' };
				return cancelled(raced);
			}
			applied.push({ step, old: answer.body.Attributes as Json | undefined });
		}
		return { status: 200, body: {} };
	}

	/** Validates the request and reads each item's key; an Answer is a ValidationException to return. */
	#steps(input: Json): Step[] | Answer {
		// The gateway has already checked the request (its size, and each part's members and values).
		const items = Array.isArray(input.TransactItems) ? (input.TransactItems as Json[]) : [];
		const steps: Step[] = [];
		const seen = new Set<string>();
		for (const item of items) {
			const kind = (['Put', 'Update', 'Delete', 'ConditionCheck'] as const).find((k) => k in item);
			if (kind === undefined) return validation('Invalid TransactItem');
			const part = item[kind] as Json;
			if (part.TableName !== this.#table.tableName)
				return {
					status: 400,
					body: {
						__type: dynamoDbErrorType('ResourceNotFoundException'),
						message: 'Requested resource not found',
					},
				};
			const source = (kind === 'Put' ? part.Item : part.Key) as Json | undefined;
			const key = this.#keyOf(source ?? {});
			const id = JSON.stringify(key);
			if (seen.has(id))
				return validation('Transaction request cannot include multiple operations on one item');
			seen.add(id);
			steps.push({ kind, part, key });
		}
		return steps;
	}

	#keyOf(item: Json): Json {
		const { partitionKey, sortKey } = this.#table;
		const key: Json = { [partitionKey]: item[partitionKey] };
		if (sortKey !== undefined) key[sortKey] = item[sortKey];
		return key;
	}

	async #get(step: Step): Promise<Json | undefined> {
		const answer = await this.#call('GetItem', {
			TableName: step.part.TableName,
			Key: step.key,
			ConsistentRead: true,
		});
		return answer.status === 200 ? (answer.body.Item as Json | undefined) : undefined;
	}

	/**
	 * Evaluates the step's condition by a write that changes nothing: REMOVE of an attribute that never
	 * exists when the item is there (guarded so a vanished item is not re-created), a DeleteItem of the
	 * absent item otherwise (guarded so an item that appeared meanwhile is never deleted).
	 */
	async #check(step: Step, snapshot: Json | undefined): Promise<Reason | Answer> {
		const condition = step.part.ConditionExpression;
		if (typeof condition !== 'string') return { Code: 'None' };
		const names = { ...used(step.part.ExpressionAttributeNames, condition, '#'), ...NOOP_NAMES };
		names['#fedplay_pk'] = this.#table.partitionKey;
		const values = used(step.part.ExpressionAttributeValues, condition, ':');
		const common = {
			TableName: step.part.TableName,
			Key: step.key,
			ExpressionAttributeNames: names,
			...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
		};
		const answer =
			snapshot === undefined
				? await this.#call('DeleteItem', {
						...common,
						ConditionExpression: `(${condition}) AND attribute_not_exists(#fedplay_pk) AND attribute_not_exists(#fedplay_noop)`,
					})
				: await this.#call('UpdateItem', {
						...common,
						UpdateExpression: 'REMOVE #fedplay_noop',
						ConditionExpression: `(${condition}) AND attribute_exists(#fedplay_pk)`,
					});
		if (answer.status === 200) return { Code: 'None' };
		if (!isConditionFailure(answer)) return answer;
		const wantsItem = step.part.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
		return wantsItem && snapshot !== undefined ? { ...FAILED, Item: snapshot } : FAILED;
	}

	async #undo(applied: { step: Step; old: Json | undefined }[]): Promise<void> {
		for (const { step, old } of applied.reverse()) {
			const TableName = step.part.TableName;
			await (old === undefined
				? this.#call('DeleteItem', { TableName, Key: step.key })
				: this.#call('PutItem', { TableName, Item: old }));
		}
	}

	#call(operation: string, input: Json): Promise<Answer> {
		const payload = JSON.stringify(input);
		return new Promise((resolve, reject) => {
			const req = httpRequest(`${this.#url}/`, {
				method: 'POST',
				agent: this.#agent,
				headers: {
					'content-type': 'application/x-amz-json-1.0',
					'x-amz-target': `DynamoDB_20120810.${operation}`,
					// dynalite checks that a SigV4 header is present, never the signature.
					authorization:
						'AWS4-HMAC-SHA256 Credential=sandbox/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
					'x-amz-date': '20000101T000000Z',
					'content-length': Buffer.byteLength(payload),
				},
			});
			req.once('error', reject);
			req.once('response', (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.once('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode ?? 500, body: text ? (JSON.parse(text) as Json) : {} });
				});
			});
			req.end(payload);
		});
	}
}

function cancelled(reasons: Reason[]): Answer {
	return {
		status: 400,
		body: {
			__type: dynamoDbErrorType('TransactionCanceledException'),
			Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
			CancellationReasons: reasons,
		},
	};
}

function validation(message: string): Answer {
	return { status: 400, body: { __type: dynamoDbErrorType('ValidationException'), message } };
}

function isConditionFailure(answer: Answer): boolean {
	return String(answer.body.__type).endsWith('#ConditionalCheckFailedException');
}

/** The placeholders (`#name` or `:value`) of `map` that `expression` uses; dynalite rejects unused ones. */
function used(map: unknown, expression: string, sigil: '#' | ':'): Json {
	const out: Json = {};
	if (typeof map !== 'object' || map === null) return out;
	const tokens = new Set(expression.match(sigil === '#' ? /#[A-Za-z0-9_]+/g : /:[A-Za-z0-9_]+/g));
	for (const [name, value] of Object.entries(map)) if (tokens.has(name)) out[name] = value;
	return out;
}
