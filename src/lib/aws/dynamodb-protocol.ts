/**
 * DynamoDB's JSON 1.0 wire (what `@aws-sdk/client-dynamodb` sends): one POST per operation, named by the
 * `X-Amz-Target` header, AttributeValue maps in and out as they are (dynamodb-json.ts reads them).
 */
import {
	requestTo,
	textOf,
	type Operation,
	type ServiceProtocol,
	type WireResponse,
} from './fetch-client';

export type DynamoDbOperation = 'GetItem' | 'Query' | 'UpdateItem' | 'TransactWriteItems';

export const dynamoDbProtocol: ServiceProtocol = {
	clientName: 'DynamoDBClient',
	signingName: 'dynamodb',
	uriEscapePath: true,
	requestIdHeader: 'x-amzn-requestid',
	defaultEndpoint: (region) => `https://dynamodb.${region}.amazonaws.com`,
	parseError(response) {
		const body = jsonOf(response);
		const { __type, message, Message, ...fields } = body;
		// `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`, or the header's `Name:uri`.
		const raw = typeof __type === 'string' ? __type : (response.headers['x-amzn-errortype'] ?? '');
		const code = raw.split(':')[0]!.split('#').at(-1) || 'UnknownError';
		const words =
			typeof message === 'string' ? message : typeof Message === 'string' ? Message : code;
		return { code, message: words, fields };
	},
};

function jsonOf(response: WireResponse): Record<string, unknown> {
	const text = textOf(response);
	if (text.trim() === '') return {};
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** The operation `name` of DynamoDB's API, input and output as its JSON. */
export function dynamoDbOperation(
	name: DynamoDbOperation,
): Operation<Record<string, unknown>, Record<string, unknown>> {
	return {
		name,
		serialize: (input, base) =>
			requestTo(base, {
				method: 'POST',
				path: '/',
				query: {},
				headers: {
					'content-type': 'application/x-amz-json-1.0',
					'x-amz-target': `DynamoDB_20120810.${name}`,
				},
				body: JSON.stringify(input),
			}),
		deserialize: jsonOf,
	};
}
