/**
 * The DynamoDB answers the gateway builds itself when it emulates what dynalite lacks: their shape, the
 * errors DynamoDB words them with, and the writing of one to the caller.
 */
import type { ServerResponse } from 'node:http';
import { dynamoDbErrorType, sendJson10 } from '../errors';

export type Json = Record<string, unknown>;

/** One DynamoDB answer: its HTTP status and JSON body. */
export interface Answer {
	status: number;
	body: Json;
}

/** One entry of a TransactionCanceledException's CancellationReasons. */
export interface Reason {
	Code: string;
	Message?: string;
	Item?: Json;
}

export const CONDITION_FAILED = 'The conditional request failed';
/** DynamoDB's words for two parts of one transaction on the same item. */
export const ONE_ITEM_ONCE = 'Transaction request cannot include multiple operations on one item';
export const NO_REASON: Reason = { Code: 'None' };
export const CONFLICT: Reason = {
	Code: 'TransactionConflict',
	Message: 'Transaction is ongoing for the item',
};

export function ok(body: Json): Answer {
	return { status: 200, body };
}

/** A DynamoDB error answer (HTTP 400). */
export function errorAnswer(code: string, message: string): Answer {
	return { status: 400, body: { __type: dynamoDbErrorType(code), message } };
}

export function validation(message: string): Answer {
	return errorAnswer('ValidationException', message);
}

/** DynamoDB's answer for a table it does not have (the sandbox has one). */
export function tableNotFound(): Answer {
	return errorAnswer('ResourceNotFoundException', 'Requested resource not found');
}

/** A transaction cancelled, with one reason per item in request order. */
export function cancelled(reasons: Reason[]): Answer {
	return {
		status: 400,
		body: {
			__type: dynamoDbErrorType('TransactionCanceledException'),
			Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
			CancellationReasons: reasons,
		},
	};
}

export function isConditionFailure(answer: Answer): boolean {
	return String(answer.body.__type).endsWith('#ConditionalCheckFailedException');
}

/** Writes `answer` as DynamoDB does. (A failure before there is one reaches the request boundary: a 500.) */
export function sendAnswer(res: ServerResponse, answer: Answer): void {
	sendJson10(res, answer.status, JSON.stringify(answer.body));
}
