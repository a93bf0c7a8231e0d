/**
 * TransactWriteItems and TransactGetItems for the sandbox, which dynalite lacks, run on dynalite's own
 * single-item operations one transaction at a time. A write transaction: (1) read every item, (2) check
 * every item's condition with a write that changes nothing (dynamodb-condition-probe.ts), (3) if all hold,
 * apply the writes in order, each still conditional, undoing the ones already applied if a concurrent
 * non-transactional write got in between. Failures answer as DynamoDB does: TransactionCanceledException
 * with one CancellationReason per item, in request order. A ClientRequestToken makes a write transaction
 * idempotent for ten minutes (dynamodb-request-tokens.ts). Reads: dynamodb-transact-get.ts.
 */
import type { TableSchema } from '../../src/lib/iam/request';
import { tableNameOf } from '../../src/lib/iam/request/dynamodb-input';
import { documentedPart } from '../../src/lib/iam/request/dynamodb-parts';
import type { SandboxClock } from '../clock';
import type { DynaliteClient } from './dynalite-client';
import {
	CONDITION_FAILED,
	CONFLICT,
	NO_REASON,
	ONE_ITEM_ONCE,
	cancelled,
	isConditionFailure,
	ok,
	tableNotFound,
	validation,
	type Answer,
	type Json,
	type Reason,
} from './dynamodb-answers';
import { keyOf, noopCheck, type ConditionalPart } from './dynamodb-condition-probe';
import { ClientRequestTokens } from './dynamodb-request-tokens';
import { transactGetItems } from './dynamodb-transact-get';

interface Step {
	kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
	/** The part's documented members, with the table's name for a table ARN. */
	part: Json;
	key: Json;
}

const KINDS = ['Put', 'Update', 'Delete', 'ConditionCheck'] as const;

export class DynamoDBTransactions {
	readonly #client: DynaliteClient;
	readonly #table: TableSchema;
	readonly #tokens: ClientRequestTokens;
	#queue: Promise<unknown> = Promise.resolve();

	/** `table`: the sandbox table's key schema; `clock`: the sandbox's, for the tokens' ten minutes. */
	constructor(client: DynaliteClient, table: TableSchema, clock: SandboxClock) {
		this.#client = client;
		this.#table = table;
		this.#tokens = new ClientRequestTokens(clock);
	}

	/** Answers one TransactWriteItems request, already authorized item by item. */
	transactWriteItems(input: Json): Promise<Answer> {
		return this.#serially(async () => {
			const earlier = this.#tokens.check(input);
			if (earlier !== null) return earlier;
			const answer = await this.#transact(input);
			if (answer.status === 200) this.#tokens.hold(input);
			return answer;
		});
	}

	/** Answers one TransactGetItems request, already authorized item by item. */
	transactGetItems(input: Json): Promise<Answer> {
		return this.#serially(() => transactGetItems(this.#client, this.#table, input));
	}

	/** Runs `work` after every transaction before it has finished, whatever their outcome. */
	#serially(work: () => Promise<Answer>): Promise<Answer> {
		const run = this.#queue.then(work);
		this.#queue = run.catch(() => undefined);
		return run;
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
			const answer = await this.#client.call(`${step.kind}Item`, {
				...step.part,
				ReturnValues: 'ALL_OLD',
			});
			if (answer.status !== 200) {
				await this.#undo(applied);
				if (!isConditionFailure(answer)) return answer;
				const raced = steps.map((): Reason => NO_REASON);
				raced[i] = CONFLICT;
				return cancelled(raced);
			}
			applied.push({ step, old: answer.body.Attributes as Json | undefined });
		}
		return ok({});
	}

	/** Validates the request and reads each item's key; an Answer is the error to return. */
	#steps(input: Json): Step[] | Answer {
		// The gateway has already checked the request (its size, and each part's members and values).
		const items = Array.isArray(input.TransactItems) ? (input.TransactItems as Json[]) : [];
		const steps: Step[] = [];
		const seen = new Set<string>();
		for (const item of items) {
			const kind = KINDS.find((k) => k in item);
			if (kind === undefined) return validation('Invalid TransactItem');
			const raw = item[kind] as Json;
			if (tableNameOf(raw.TableName) !== this.#table.tableName) return tableNotFound();
			const part: Json = { ...documentedPart(kind, raw), TableName: this.#table.tableName };
			const key = keyOf(this.#table, (kind === 'Put' ? part.Item : part.Key) as Json);
			const id = JSON.stringify(key);
			if (seen.has(id)) return validation(ONE_ITEM_ONCE);
			seen.add(id);
			steps.push({ kind, part, key });
		}
		return steps;
	}

	async #get(step: Step): Promise<Json | undefined> {
		const answer = await this.#client.call('GetItem', {
			TableName: this.#table.tableName,
			Key: step.key,
			ConsistentRead: true,
		});
		return answer.status === 200 ? (answer.body.Item as Json | undefined) : undefined;
	}

	/** The step's condition, checked on the item as the snapshot found it (present or absent). */
	async #check(step: Step, snapshot: Json | undefined): Promise<Reason | Answer> {
		const condition = step.part.ConditionExpression;
		if (typeof condition !== 'string') return NO_REASON;
		const part = step.part as unknown as ConditionalPart;
		const exists = snapshot !== undefined;
		const answer = await this.#client.call(
			...noopCheck(this.#table, step.key, part, condition, exists),
		);
		if (answer.status === 200) return NO_REASON;
		if (!isConditionFailure(answer)) return answer;
		const failed: Reason = { Code: 'ConditionalCheckFailed', Message: CONDITION_FAILED };
		const wantsItem = step.part.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
		return wantsItem && exists ? { ...failed, Item: snapshot } : failed;
	}

	async #undo(applied: { step: Step; old: Json | undefined }[]): Promise<void> {
		const TableName = this.#table.tableName;
		for (const { step, old } of applied.reverse()) {
			await (old === undefined
				? this.#client.call('DeleteItem', { TableName, Key: step.key })
				: this.#client.call('PutItem', { TableName, Item: old }));
		}
	}
}
