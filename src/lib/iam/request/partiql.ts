/**
 * ExecuteStatement (PartiQL) → `dynamodb:PartiQLSelect|Insert|Update|Delete` on the table or index the
 * statement names. The mapping reads only the verb and the target; a statement it cannot read is refused.
 */
import type { DynamoDBEnvironment } from './dynamodb-input';
import { RequestRejection } from './rejection';
import type { Authorization } from './types';

const identifier = String.raw`("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_-]*)`;
const target = String.raw`${identifier}(?:\s*\.\s*${identifier})?`;
const statements: [RegExp, string][] = [
	[new RegExp(String.raw`^\s*SELECT\b[\s\S]*?\bFROM\s+${target}`, 'i'), 'PartiQLSelect'],
	[new RegExp(String.raw`^\s*INSERT\s+INTO\s+${target}`, 'i'), 'PartiQLInsert'],
	[new RegExp(String.raw`^\s*UPDATE\s+${target}`, 'i'), 'PartiQLUpdate'],
	[new RegExp(String.raw`^\s*DELETE\s+FROM\s+${target}`, 'i'), 'PartiQLDelete'],
];

function unquote(name: string): string {
	return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

/** The one authorization an ExecuteStatement needs; a ValidationException for an unreadable statement. */
export function partiQLAuthorization(statement: string, env: DynamoDBEnvironment): Authorization[] {
	for (const [pattern, action] of statements) {
		const match = pattern.exec(statement);
		if (match === null) continue;
		const table = unquote(match[1]);
		const index = match[2] === undefined ? '' : `/index/${unquote(match[2])}`;
		return [
			{
				action: `dynamodb:${action}`,
				resource: `arn:aws:dynamodb:${env.region}:${env.accountId}:table/${table}${index}`,
				context: {},
			},
		];
	}
	throw new RequestRejection(
		400,
		'ValidationException',
		"Statement wasn't well formed, can't be processed: the Fedplay sandbox gateway reads only SELECT … FROM, INSERT INTO, UPDATE and DELETE FROM statements.",
	);
}
