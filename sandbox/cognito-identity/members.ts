/**
 * The members of each operation the sandbox answers, with the constraints of botocore's model
 * (`cognito-identity/2014-06-30/service-2.json`): types, lengths, ranges, patterns, map and list sizes.
 * A member of the wrong JSON type is a `SerializationException`; a value that breaks a constraint, Cognito's
 * `ValidationException` ("1 validation error detected: Value '…' at 'identityPoolId' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: [\w-]+:[0-9a-f-]+"). Unknown members are
 * ignored, as AWS's JSON protocols ignore them.
 */
import { AwsError } from '../errors';
import { memberProblems, throwProblems, type MemberRule } from '../sts/validation';

type Scalar = Omit<MemberRule, 'member' | 'required' | 'integer'>;
export type Shape =
	| ({ kind: 'string' } & Scalar)
	| { kind: 'boolean' }
	| { kind: 'number'; min: number; max: number }
	| { kind: 'map'; key: Scalar; value: Scalar; max: number }
	| { kind: 'list'; member: Scalar; min?: number; max?: number };
type Members = Record<string, Shape & { required?: boolean }>;

const ID = {
	minLength: 1,
	maxLength: 55,
	pattern: /^[\w-]+:[0-9a-f-]+$/,
	patternText: '[\\w-]+:[0-9a-f-]+',
};
const IDENTITY_POOL_ID: Shape = { kind: 'string', ...ID };
const IDENTITY_ID: Shape = { kind: 'string', ...ID };
const PROVIDER_NAME: Scalar = { minLength: 1, maxLength: 128 };
const LOGINS: Shape = {
	kind: 'map',
	key: PROVIDER_NAME,
	value: { minLength: 1, maxLength: 50_000, sensitive: true },
	max: 10,
};
const QUERY_LIMIT: Shape = { kind: 'number', min: 1, max: 60 };
const PAGINATION_KEY: Shape = {
	kind: 'string',
	minLength: 1,
	maxLength: 65_535,
	pattern: /^\S+$/,
	patternText: '[\\S]+',
};
const DEVELOPER_USER_IDENTIFIER: Shape = { kind: 'string', minLength: 1, maxLength: 1024 };

export const OPERATION_MEMBERS: Record<string, Members> = {
	GetId: {
		AccountId: {
			kind: 'string',
			minLength: 1,
			maxLength: 15,
			pattern: /^\d+$/,
			patternText: '\\d+',
		},
		IdentityPoolId: { ...IDENTITY_POOL_ID, required: true },
		Logins: LOGINS,
	},
	GetCredentialsForIdentity: {
		IdentityId: { ...IDENTITY_ID, required: true },
		Logins: LOGINS,
		CustomRoleArn: { kind: 'string', minLength: 20, maxLength: 2048 },
	},
	GetOpenIdToken: { IdentityId: { ...IDENTITY_ID, required: true }, Logins: LOGINS },
	GetOpenIdTokenForDeveloperIdentity: {
		IdentityPoolId: { ...IDENTITY_POOL_ID, required: true },
		IdentityId: IDENTITY_ID,
		Logins: { ...LOGINS, required: true },
		PrincipalTags: {
			kind: 'map',
			key: { minLength: 1, maxLength: 128 },
			value: { minLength: 1, maxLength: 256 },
			max: 50,
		},
		TokenDuration: { kind: 'number', min: 1, max: 86_400 },
	},
	LookupDeveloperIdentity: {
		IdentityPoolId: { ...IDENTITY_POOL_ID, required: true },
		IdentityId: IDENTITY_ID,
		DeveloperUserIdentifier: DEVELOPER_USER_IDENTIFIER,
		MaxResults: QUERY_LIMIT,
		NextToken: PAGINATION_KEY,
	},
	UnlinkIdentity: {
		IdentityId: { ...IDENTITY_ID, required: true },
		Logins: { ...LOGINS, required: true },
		LoginsToRemove: { kind: 'list', member: PROVIDER_NAME, required: true },
	},
	DescribeIdentityPool: { IdentityPoolId: { ...IDENTITY_POOL_ID, required: true } },
	GetIdentityPoolRoles: { IdentityPoolId: { ...IDENTITY_POOL_ID, required: true } },
	DescribeIdentity: { IdentityId: { ...IDENTITY_ID, required: true } },
	ListIdentityPools: { MaxResults: { ...QUERY_LIMIT, required: true }, NextToken: PAGINATION_KEY },
	ListIdentities: {
		IdentityPoolId: { ...IDENTITY_POOL_ID, required: true },
		MaxResults: { ...QUERY_LIMIT, required: true },
		NextToken: PAGINATION_KEY,
		HideDisabled: { kind: 'boolean' },
	},
};

/** A JSON object's members, as the operations read them once checked. */
export type Input = Record<string, unknown>;

/** Checks `input` against the operation's members; throws the first type error or every violation at once. */
export function checkMembers(operation: string, input: Input): void {
	const members = OPERATION_MEMBERS[operation] ?? {};
	const problems: string[] = [];
	for (const [name, shape] of Object.entries(members)) {
		const member = name[0]!.toLowerCase() + name.slice(1);
		const value = input[name] ?? undefined;
		if (value === undefined) {
			if (shape.required)
				problems.push(
					`Value null at '${member}' failed to satisfy constraint: Member must not be null`,
				);
			continue;
		}
		problems.push(...shapeProblems(value, shape, member));
	}
	throwProblems(problems, 'ValidationException');
}

function shapeProblems(value: unknown, shape: Shape, member: string): string[] {
	switch (shape.kind) {
		case 'string':
			return memberProblems(expect(value, 'string', member), { ...shape, member });
		case 'boolean':
			expect(value, 'boolean', member);
			return [];
		case 'number':
			return numberProblems(value, shape, member);
		case 'map':
			return mapProblems(value, shape, member);
		case 'list':
			return listProblems(value, shape, member);
	}
}

function numberProblems(
	value: unknown,
	shape: { min: number; max: number },
	member: string,
): string[] {
	const n = expect(value, 'number', member);
	if (!Number.isInteger(n)) throw serialization(member, 'a whole number');
	return memberProblems(String(n), { member, integer: shape });
}

/** AWS prints no value for a map or list, and reports its keys' and values' violations as one constraint. */
function mapProblems(
	value: unknown,
	shape: Extract<Shape, { kind: 'map' }>,
	member: string,
): string[] {
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw serialization(member, 'a map');
	const entries = Object.entries(value);
	const problems: string[] = [];
	const at = `Value at '${member}' failed to satisfy constraint: `;
	if (entries.length > shape.max)
		problems.push(`${at}Member must have length less than or equal to ${shape.max}`);
	const keyProblems = entries.flatMap(([key]) => constraintsOf(key, shape.key));
	const valueProblems = entries.flatMap(([key, v]) =>
		constraintsOf(expect(v, 'string', `${member}.${key}`), shape.value),
	);
	if (keyProblems.length > 0)
		problems.push(`${at}Map keys must satisfy constraint: [${unique(keyProblems)}]`);
	if (valueProblems.length > 0)
		problems.push(`${at}Map value must satisfy constraint: [${unique(valueProblems)}]`);
	return problems;
}

function listProblems(
	value: unknown,
	shape: Extract<Shape, { kind: 'list' }>,
	member: string,
): string[] {
	if (!Array.isArray(value)) throw serialization(member, 'a list');
	const at = `Value at '${member}' failed to satisfy constraint: `;
	const problems: string[] = [];
	if (shape.max !== undefined && value.length > shape.max)
		problems.push(`${at}Member must have length less than or equal to ${shape.max}`);
	if (shape.min !== undefined && value.length < shape.min)
		problems.push(`${at}Member must have length greater than or equal to ${shape.min}`);
	const memberProblemsFound = value.flatMap((v, i) =>
		constraintsOf(expect(v, 'string', `${member}.${i}`), shape.member),
	);
	if (memberProblemsFound.length > 0)
		problems.push(`${at}Member must satisfy constraint: [${unique(memberProblemsFound)}]`);
	return problems;
}

/** The bare constraints a value breaks (`Member must have length less than or equal to 128`). */
function constraintsOf(value: string, rule: Scalar): string[] {
	return memberProblems(value, { ...rule, member: '', sensitive: true }).map((p) =>
		p.replace(/^Value at '' failed to satisfy constraint: /, ''),
	);
}

function unique(items: string[]): string {
	return [...new Set(items)].join(', ');
}

function expect<T extends 'string' | 'number' | 'boolean'>(
	value: unknown,
	type: T,
	member: string,
): T extends 'string' ? string : T extends 'number' ? number : boolean {
	if (typeof value !== type) throw serialization(member, `a ${type}`);
	return value as T extends 'string' ? string : T extends 'number' ? number : boolean;
}

/**
 * A member of the wrong JSON type. AWS's JSON front end answers `SerializationException`; its words vary with
 * the type it found, so these are the sandbox's.
 */
function serialization(member: string, expected: string): AwsError {
	return new AwsError('SerializationException', 400, `Expected ${expected} at '${member}'.`);
}
