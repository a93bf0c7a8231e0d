/**
 * What the gateway answers itself, on top of dynalite, for a DynamoDB request it has authorized:
 * TransactWriteItems and TransactGetItems (dynalite has neither), and a write that asks for the old item of
 * a failed condition (dynalite drops ReturnValuesOnConditionCheckFailure). Everything else is forwarded to
 * dynalite as it is.
 */
import type { SandboxClock } from '../clock';
import { DynaliteClient } from './dynalite-client';
import type { Answer, Json } from './dynamodb-answers';
import { RETURNS_OLD_ON_FAILURE, wantsOldItem, writeReturningOld } from './dynamodb-return-old';
import { DynamoDBTransactions } from './dynamodb-transactions';
import type { TableSchema } from '../../src/lib/iam/request';

const TARGET_PREFIX = 'DynamoDB_20120810.';
const RETURN_VALUES_ON_FAILURE = Buffer.from('ReturnValuesOnConditionCheckFailure');
const JSON_ESCAPE = Buffer.from('\\u');

export class DynamoDBEmulation {
	readonly #client: DynaliteClient;
	readonly #table: TableSchema;
	readonly #transactions: DynamoDBTransactions;

	/** `dynaliteUrl`: dynalite's own URL; `table`: the sandbox table's key schema. */
	constructor(dynaliteUrl: string, table: TableSchema, clock: SandboxClock) {
		this.#client = new DynaliteClient(dynaliteUrl);
		this.#table = table;
		this.#transactions = new DynamoDBTransactions(this.#client, table, clock);
	}

	/** The answer to a request the gateway emulates, or `undefined` for one to forward to dynalite. */
	answer(target: string | undefined, body: Buffer): Promise<Answer> | undefined {
		const operation = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
		if (operation === 'TransactWriteItems')
			return this.#transactions.transactWriteItems(parse(body));
		if (operation === 'TransactGetItems') return this.#transactions.transactGetItems(parse(body));
		if (!RETURNS_OLD_ON_FAILURE.has(operation) || !mayNameOldItem(body)) return undefined;
		const input = parse(body);
		return wantsOldItem(input)
			? writeReturningOld(this.#client, this.#table, operation, input)
			: undefined;
	}

	close(): void {
		this.#client.close();
	}
}

/**
 * Whether the body can hold ReturnValuesOnConditionCheckFailure, without parsing it a second time: the
 * name is written out, or the body has an escape that could spell it.
 */
function mayNameOldItem(body: Buffer): boolean {
	return body.includes(RETURN_VALUES_ON_FAILURE) || body.includes(JSON_ESCAPE);
}

/** The request body; the gateway has mapped it, so it is a JSON object. */
function parse(body: Buffer): Json {
	return JSON.parse(body.toString('utf8')) as Json;
}
