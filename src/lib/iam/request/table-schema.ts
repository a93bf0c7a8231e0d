/** The key schema of a table and its indexes, read from its CreateTable definition (the template's table). */

export interface KeySchema {
	partitionKey: string;
	sortKey?: string;
}

export interface TableSchema extends KeySchema {
	tableName: string;
	indexes: Record<string, KeySchema>;
}

interface KeySchemaElement {
	AttributeName: string;
	KeyType: 'HASH' | 'RANGE' | string;
}

/** The parts of a CreateTable input the mapping reads. */
interface TableKeyDefinition {
	TableName: string;
	KeySchema: KeySchemaElement[];
	GlobalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchemaElement[] }[];
	LocalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchemaElement[] }[];
}

function keysOf(elements: KeySchemaElement[]): KeySchema {
	const partitionKey = elements.find((e) => e.KeyType === 'HASH')?.AttributeName;
	if (partitionKey === undefined) throw new Error('table definition: a KeySchema has no HASH key');
	const sortKey = elements.find((e) => e.KeyType === 'RANGE')?.AttributeName;
	return sortKey === undefined ? { partitionKey } : { partitionKey, sortKey };
}

/** Reads the key schema of a table and of each of its indexes. */
export function tableSchemaOf(definition: TableKeyDefinition): TableSchema {
	const indexes: Record<string, KeySchema> = {};
	for (const index of [
		...(definition.GlobalSecondaryIndexes ?? []),
		...(definition.LocalSecondaryIndexes ?? []),
	]) {
		indexes[index.IndexName] = keysOf(index.KeySchema);
	}
	return { tableName: definition.TableName, ...keysOf(definition.KeySchema), indexes };
}
