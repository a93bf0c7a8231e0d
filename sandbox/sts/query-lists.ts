/**
 * List parameters in the AWS Query protocol: `PolicyArns.member.1.arn=…`, `Tags.member.2.Key=…`,
 * `TransitiveTagKeys.member.1=…`, numbered from 1 (an empty `Tags=` is an empty list), read in index order.
 */

/** The members of a list of strings, e.g. `TransitiveTagKeys`. */
export function readList(params: Map<string, string>, name: string): string[] {
	return members(params, name).map((fields) => fields.get('') ?? '');
}

/** The members of a list of structures, e.g. `Tags` (`Key`, `Value`); a missing field is `undefined`. */
export function readStructureList(
	params: Map<string, string>,
	name: string,
): Map<string, string>[] {
	return members(params, name);
}

function members(params: Map<string, string>, name: string): Map<string, string>[] {
	const prefix = `${name}.member.`;
	const byIndex = new Map<number, Map<string, string>>();
	for (const [key, value] of params) {
		if (!key.startsWith(prefix)) continue;
		const match = /^(\d+)(?:\.(.+))?$/.exec(key.slice(prefix.length));
		if (!match) continue;
		const index = Number(match[1]);
		const fields = byIndex.get(index) ?? new Map<string, string>();
		fields.set(match[2] ?? '', value);
		byIndex.set(index, fields);
	}
	return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, fields]) => fields);
}
