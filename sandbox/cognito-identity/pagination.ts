import { AwsError } from '../errors';

/**
 * One page of `items` from `NextToken` (an opaque position this sandbox made), and the token of the next page.
 * A token this sandbox did not make is `InvalidParameterException` (the words are the sandbox's).
 */
export function page<T>(
	items: readonly T[],
	maxResults: number,
	nextToken: string | undefined,
): { items: T[]; nextToken?: string } {
	const start = nextToken === undefined ? 0 : positionOf(nextToken);
	const end = start + maxResults;
	return {
		items: items.slice(start, end),
		...(end < items.length ? { nextToken: tokenFor(end) } : {}),
	};
}

function tokenFor(position: number): string {
	return Buffer.from(JSON.stringify({ position }), 'utf8').toString('base64url');
}

function positionOf(token: string): number {
	try {
		const { position } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
			position?: unknown;
		};
		if (typeof position === 'number' && Number.isInteger(position) && position >= 0)
			return position;
	} catch {
		// refused below
	}
	throw new AwsError('InvalidParameterException', 400, 'The pagination token is invalid.');
}
