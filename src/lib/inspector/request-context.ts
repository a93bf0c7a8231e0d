import type { AuthzRequest, ContextValue } from '../iam';
import type { PlayerIdentity } from '../config/data-layout';

/**
 * Maps the app's own S3 and DynamoDB command inputs to the IAM authorizations they need: the same mapping
 * the sandbox gateway does on the wire (sandbox/gateway/s3-request.ts, dynamodb-items.ts), kept to the
 * calls the game makes, so the inspector can re-evaluate a denied call against the session's policies.
 */

/** Who made the call, as the app knows it after AssumeRoleWithWebIdentity. */
export interface SessionIdentity {
	/** AssumedRoleUser.Arn: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
	principal: string;
	/** The issuer without `https://`, as IAM names web identity keys: `localhost:4000`, `accounts.google.com`. */
	provider: string;
	/** The ID token's `sub` (SubjectFromWebIdentityToken). */
	sub: string;
	/** What `<provider>:aud` saw: STS's Audience (the token's `azp` when set). */
	aud?: string;
	/** The provider's data segment (config.json `dataSegment`), when the provider is known. */
	segment?: string;
	accountId: string;
	region: string;
}

/** Whose data the session reaches (data-layout.ts); `null` without an identity or a segment. */
export function playerOf(identity: SessionIdentity | null): PlayerIdentity | null {
	return identity?.segment === undefined ? null : { segment: identity.segment, id: identity.sub };
}

/** Partition key of the table and of each index, by name. Defaults to GameScores and GameTitleIndex. */
export interface KeySchemas {
	tables: Record<string, { partitionKey: string; indexes?: Record<string, string> }>;
}

export const GAME_KEY_SCHEMAS: KeySchemas = {
	tables: { GameScores: { partitionKey: 'UserId', indexes: { GameTitleIndex: 'GameTitle' } } },
};

type Input = Record<string, unknown>;

function obj(value: unknown): Input {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Input)
		: {};
}

/** A key value as DynamoDB compares it: `{ S: 'alice' }` (client) or `'alice'` (document client). */
function keyString(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	const typed = obj(value);
	for (const type of ['S', 'N']) if (typeof typed[type] === 'string') return typed[type] as string;
	return null;
}

/** Context keys every request of a web identity session carries. */
function baseContext(identity: SessionIdentity): Record<string, ContextValue> {
	const role = /^arn:(aws[\w-]*):sts::(\d*):assumed-role\/([^/]+)\//.exec(identity.principal);
	const context: Record<string, ContextValue> = {
		[`${identity.provider}:sub`]: identity.sub,
		'aws:PrincipalAccount': identity.accountId,
		'aws:PrincipalType': 'AssumedRole',
		'aws:RequestedRegion': identity.region,
		'aws:CurrentTime': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
	};
	if (identity.aud !== undefined) context[`${identity.provider}:aud`] = identity.aud;
	if (role) context['aws:PrincipalArn'] = `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
	return context;
}

function s3Request(operation: string, input: Input): Omit<AuthzRequest, 'principal'>[] {
	const bucket = `arn:aws:s3:::${String(input.Bucket ?? '')}`;
	const object = `${bucket}/${String(input.Key ?? '')}`;
	const context: Record<string, ContextValue> = {
		's3:authType': 'REST-HEADER',
		's3:signatureversion': 'AWS4-HMAC-SHA256',
	};
	switch (operation) {
		case 'GetObject':
		case 'HeadObject': // HeadObject is authorized as s3:GetObject
			return [{ action: 's3:GetObject', resource: object, context }];
		case 'PutObject':
		case 'DeleteObject':
			return [{ action: `s3:${operation}`, resource: object, context }];
		case 'ListObjectsV2':
		case 'ListObjects':
			for (const [param, key] of [
				['Prefix', 's3:prefix'],
				['Delimiter', 's3:delimiter'],
				['MaxKeys', 's3:max-keys'],
			] as const) {
				if (input[param] !== undefined) context[key] = String(input[param]);
			}
			return [{ action: 's3:ListBucket', resource: bucket, context }];
		default:
			return [];
	}
}

/** Top-level attribute names of a projection (`#n, TopScore, a.b` → resolved names, first path segment). */
function projected(expression: unknown, names: Input): string[] | undefined {
	if (typeof expression !== 'string' || expression.trim() === '') return undefined;
	return expression.split(',').map((part) => {
		const head = (part.trim().split(/[.[]/)[0] ?? '').trim();
		return head.startsWith('#') ? String(names[head] ?? head) : head;
	});
}

/** The partition key value a KeyConditionExpression fixes (`UserId = :u`, `#pk = :v`). */
function queryPartitionValue(input: Input, partitionKey: string): string | null {
	const names = obj(input.ExpressionAttributeNames);
	const values = obj(input.ExpressionAttributeValues);
	const expression = String(input.KeyConditionExpression ?? '');
	for (const match of expression.matchAll(/([#\w]{1,255})\s{0,10}=\s{0,10}(:\w{1,255})/g)) {
		const name = match[1]?.startsWith('#') ? String(names[match[1]] ?? '') : match[1];
		if (name === partitionKey) return keyString(values[match[2] ?? '']);
	}
	return null;
}

interface DynamoTarget {
	table: string;
	index?: string;
}

function dynamoResource(identity: SessionIdentity, { table, index }: DynamoTarget): string {
	const base = `arn:aws:dynamodb:${identity.region}:${identity.accountId}:table/${table}`;
	return index ? `${base}/index/${index}` : base;
}

function dynamoContext(
	input: Input,
	leadingKeys: (string | null)[],
	attributes: string[] | undefined,
): Record<string, ContextValue> {
	const context: Record<string, ContextValue> = {};
	const keys = leadingKeys.filter((key): key is string => key !== null);
	if (keys.length > 0) context['dynamodb:LeadingKeys'] = [...new Set(keys)];
	if (attributes) context['dynamodb:Attributes'] = [...new Set(attributes)];
	if (typeof input.Select === 'string') context['dynamodb:Select'] = input.Select;
	else if (attributes && input.ProjectionExpression !== undefined)
		context['dynamodb:Select'] = 'SPECIFIC_ATTRIBUTES';
	if (typeof input.ReturnValues === 'string') context['dynamodb:ReturnValues'] = input.ReturnValues;
	return context;
}

type Single = { action: string; resource: string; context: Record<string, ContextValue> };

function dynamoItem(
	operation: string,
	input: Input,
	identity: SessionIdentity,
	schemas: KeySchemas,
): Single[] {
	const table = String(input.TableName ?? '');
	const schema = schemas.tables[table];
	const pk = schema?.partitionKey ?? '';
	const names = obj(input.ExpressionAttributeNames);
	const one = (target: DynamoTarget, keys: (string | null)[], attributes?: string[]): Single[] => [
		{
			action: `dynamodb:${operation}`,
			resource: dynamoResource(identity, target),
			context: dynamoContext(input, keys, attributes),
		},
	];
	switch (operation) {
		case 'GetItem':
			return one(
				{ table },
				[keyString(obj(input.Key)[pk])],
				projected(input.ProjectionExpression, names),
			);
		case 'PutItem':
			return one({ table }, [keyString(obj(input.Item)[pk])], Object.keys(obj(input.Item)));
		case 'UpdateItem':
		case 'DeleteItem':
		case 'ConditionCheckItem':
			return one({ table }, [keyString(obj(input.Key)[pk])]);
		case 'Query': {
			const index = typeof input.IndexName === 'string' ? input.IndexName : undefined;
			const partition = index ? (schema?.indexes?.[index] ?? '') : pk;
			return one(
				{ table, index },
				[queryPartitionValue(input, partition)],
				projected(input.ProjectionExpression, names),
			);
		}
		default:
			return [];
	}
}

function dynamoRequests(
	operation: string,
	input: Input,
	identity: SessionIdentity,
	schemas: KeySchemas,
): Single[] {
	if (operation === 'BatchGetItem') {
		return Object.entries(obj(input.RequestItems)).map(([table, request]) => {
			const req = obj(request);
			const pk = schemas.tables[table]?.partitionKey ?? '';
			const keys = (Array.isArray(req.Keys) ? req.Keys : []).map((key) => keyString(obj(key)[pk]));
			const attributes = projected(req.ProjectionExpression, obj(req.ExpressionAttributeNames));
			return {
				action: 'dynamodb:BatchGetItem',
				resource: dynamoResource(identity, { table }),
				context: dynamoContext(req, keys, attributes),
			};
		});
	}
	if (operation === 'TransactWriteItems') {
		const kinds: Record<string, string> = {
			Put: 'PutItem',
			Update: 'UpdateItem',
			Delete: 'DeleteItem',
			ConditionCheck: 'ConditionCheckItem',
		};
		return (Array.isArray(input.TransactItems) ? input.TransactItems : []).flatMap((item) =>
			Object.entries(obj(item)).flatMap(([kind, inner]) =>
				kinds[kind] ? dynamoItem(kinds[kind], obj(inner), identity, schemas) : [],
			),
		);
	}
	return dynamoItem(operation, input, identity, schemas);
}

/**
 * The IAM authorizations one of the app's own commands needs (usually one; a BatchGetItem or
 * TransactWriteItems may need several). `service` is `S3` or `DynamoDB`, `operation` the command name
 * without `Command`, `input` the command input. Unknown operations map to no authorization.
 */
export function requestContextFromSdkInput(
	service: string,
	operation: string,
	input: unknown,
	identity: SessionIdentity,
	schemas: KeySchemas = GAME_KEY_SCHEMAS,
): AuthzRequest[] {
	const base = baseContext(identity);
	const mapped =
		service === 'S3'
			? s3Request(operation, obj(input))
			: service === 'DynamoDB'
				? dynamoRequests(operation, obj(input), identity, schemas)
				: [];
	return mapped.map((request) => ({
		principal: identity.principal,
		action: request.action,
		resource: request.resource,
		context: { ...base, ...request.context },
	}));
}
