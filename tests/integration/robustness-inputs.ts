/**
 * The robustness test's inputs: a few hundred malformed and oversized requests for every sandbox endpoint,
 * made by a seeded generator so every run sends the same ones. Each says where it goes, whether it is
 * signed as alice, and which wire shape its error must have.
 */
import type { WireShape } from './wire-shapes';

/** Where a request goes: the AWS endpoint, an OpenID provider, the Login with Amazon one. */
export type Server = 'aws' | 'idp0' | 'idp1' | 'amazon';

export interface FuzzRequest {
	/** What it tries, for the failure list. */
	name: string;
	server: Server;
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string | Buffer;
	/** Sign as alice for this service (an AWS endpoint request only). */
	signAs?: 's3' | 'dynamodb' | 'sts' | 'cognito-identity';
	shape: WireShape;
	/** Statuses allowed besides a 4xx, where the service itself answers so (S3's 501 NotImplemented). */
	alsoAllowed?: number[];
}

export interface FuzzRaw {
	name: string;
	server: Server;
	/** Bytes written to a fresh connection as they are. */
	bytes: Buffer;
	/** Close our side right after writing (a request cut short). */
	hangUp: boolean;
	/** The shape of the answer, when one comes (a request cut short may get none). */
	shape: WireShape;
}

/** mulberry32: a small, seedable PRNG, so the inputs are the same on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const KiB = 1024;
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const JSON_TYPE = { 'content-type': 'application/json' };
export const nest = (open: string, close: string, depth: number, inner = '1') =>
	open.repeat(depth) + inner + close.repeat(depth);
const dynamoNest = (depth: number) => nest('{"M":{"a":', '}}', depth, '{"S":"x"}');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const invalidUtf8 = Buffer.from([
	0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d,
]);

/** Malformed, oversized and hostile JSON documents. */
export const jsonBodies: [string, string | Buffer][] = [
	['an empty body', ''],
	['an unclosed object', '{'],
	['a cut-off member', '{"TableName":'],
	['an unclosed array', '[1,2'],
	['a bare word', 'nul'],
	['trailing garbage', '{"TableName":"GameScores"}garbage'],
	['a byte-order mark', '\uFEFF{"TableName":"GameScores"}'],
	['invalid UTF-8', invalidUtf8],
	['a lone surrogate escape', '{"TableName":"\\ud800"}'],
	['an array, not an object', '[]'],
	['a string, not an object', '"GameScores"'],
	['null', 'null'],
	['a number out of range', '{"TableName":"GameScores","Limit":1e99999}'],
	['a __proto__ member', '{"__proto__":{"TableName":"x"},"TableName":"GameScores","Key":{}}'],
	['a wrongly typed table name', '{"TableName":123,"Key":{}}'],
	['a key that is a string', '{"TableName":"GameScores","Key":"alice"}'],
	['an over-long table name', `{"TableName":"${'T'.repeat(300)}"}`],
	['duplicate members', '{"TableName":"a","TableName":"GameScores","Key":[]}'],
	['arrays nested 1,000 deep', nest('[', ']', 1000)],
	['arrays nested 100,000 deep', nest('[', ']', 100_000)],
	['objects nested 10,000 deep', nest('{"a":', '}', 10_000)],
	['a 900 KB string', `{"TableName":"${'x'.repeat(900 * KiB)}"}`],
	['a body just over 1 MiB', `{"TableName":"${'x'.repeat(KiB * KiB)}"}`],
	['100,000 members', `{${[...Array(100_000)].map((_, i) => `"k${i}":1`).join(',')}}`],
	['an attribute value of the wrong type', '{"TableName":"GameScores","Key":{"UserId":{"Q":"x"}}}'],
	[
		'an expression of 200 KB',
		`{"TableName":"GameScores","FilterExpression":"${'(a)AND'.repeat(34_000)}(a)"}`,
	],
	[
		'parentheses nested 5,000 deep',
		`{"TableName":"GameScores","KeyConditionExpression":"${nest('(', ')', 5000, 'a = :a')}"}`,
	],
];

/** A JSON-protocol service of the AWS endpoint: its `X-Amz-Target`, content type, signing and error shape. */
export interface JsonService {
	/** Its name in the case names. */
	label: string;
	/** The `X-Amz-Target` prefix (service and API version). */
	targetPrefix: string;
	contentType: string;
	signAs: 'dynamodb' | 'cognito-identity';
	shape: WireShape;
}

const DYNAMODB: JsonService = {
	label: 'DynamoDB',
	targetPrefix: 'DynamoDB_20120810',
	contentType: 'application/x-amz-json-1.0',
	signAs: 'dynamodb',
	shape: 'dynamodb',
};

/**
 * `body` POSTed to `service`'s `operation`, signed as alice or not; `name` says what the body tries.
 * `contentType` defaults to the service's own.
 */
export function jsonCall(
	service: JsonService,
	operation: string,
	body: string | Buffer,
	signed: boolean,
	name: string,
	contentType = service.contentType,
): FuzzRequest {
	return {
		name: `${service.label} ${operation}, ${name}${signed ? ', signed' : ''}`,
		server: 'aws',
		method: 'POST',
		path: '/',
		headers: {
			'content-type': contentType,
			'x-amz-target': `${service.targetPrefix}.${operation}`,
		},
		body,
		shape: service.shape,
		...(signed ? { signAs: service.signAs } : {}),
	};
}

const dynamoTargets = [
	'GetItem',
	'PutItem',
	'UpdateItem',
	'DeleteItem',
	'Query',
	'Scan',
	'BatchGetItem',
	'BatchWriteItem',
	'TransactWriteItems',
	'TransactGetItems',
	'ExecuteStatement',
	'DescribeTable',
	'CreateTable',
	'NoSuchOperation',
];
const dynamoTypes = [
	'application/x-amz-json-1.0',
	'application/json',
	'text/plain',
	'application/xml',
];

/** Hostile web identity tokens: not JWTs, unsigned, oversized, nested, asking STS to fetch keys elsewhere. */
export function hostileTokens(real: string): [string, string][] {
	const [header, payload] = real.split('.');
	const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
		string,
		unknown
	>;
	return [
		['an empty token', ''],
		['three characters', 'abc'],
		['two segments', 'a.b'],
		['three garbage segments', 'a.b.c'],
		['alg none', `${b64({ alg: 'none' })}.${b64(claims)}.`],
		['HS256 signed with the public key', `${b64({ alg: 'HS256' })}.${b64(claims)}.c2ln`],
		['a forged signature', `${header}.${payload}.${'A'.repeat(342)}`],
		['changed claims', `${header}.${b64({ ...claims, sub: 'bob' })}.${real.split('.')[2]}`],
		[
			'a jku pointing elsewhere',
			`${b64({ alg: 'RS256', jku: 'http://169.254.169.254/' })}.${payload}.x`,
		],
		['a huge kid', `${b64({ alg: 'RS256', kid: 'k'.repeat(15_000) })}.${payload}.x`],
		[
			'claims nested 3,000 deep',
			`${header}.${Buffer.from(nest('{"a":', '}', 3000)).toString('base64url')}.x`,
		],
		['19,999 characters', `${header}.${'A'.repeat(19_999 - header!.length - 3)}.x`],
		['20,001 characters', `${header}.${'A'.repeat(20_001 - header!.length - 3)}.x`],
		['invalid base64url', `${header}.!!!!.????`],
		['an unregistered issuer', `${header}.${b64({ ...claims, iss: 'https://evil.example' })}.x`],
		['a 200 KB token', 'e'.repeat(200 * KiB)],
	];
}

/** The STS Query-protocol cases: hostile tokens and parameters, malformed forms. */
export function stsRequests(real: string, roleArn: string): FuzzRequest[] {
	const assume = (params: Record<string, string>) =>
		new URLSearchParams({
			Action: 'AssumeRoleWithWebIdentity',
			Version: '2011-06-15',
			RoleArn: roleArn,
			RoleSessionName: 'fuzz',
			WebIdentityToken: real,
			...params,
		}).toString();
	const post = (
		name: string,
		body: string | Buffer,
		extra: Partial<FuzzRequest> = {},
	): FuzzRequest => ({
		name: `STS ${name}`,
		server: 'aws',
		method: 'POST',
		path: '/',
		headers: FORM,
		body,
		shape: 'sts',
		...extra,
	});
	return [
		...hostileTokens(real).map(([name, token]) =>
			post(`token: ${name}`, assume({ WebIdentityToken: token })),
		),
		// The same tokens as Login with Amazon access tokens: STS asks the provider about each.
		...hostileTokens(real).map(([name, token]) =>
			post(
				`access token: ${name}`,
				assume({ WebIdentityToken: token, ProviderId: 'www.amazon.com' }),
			),
		),
		...[
			['RoleArn', 'x'],
			['RoleArn', `arn:aws:iam::123456789012:role/${'r'.repeat(3000)}`],
			['RoleSessionName', '<script>'],
			['RoleSessionName', 's'.repeat(65)],
			['DurationSeconds', 'abc'],
			['DurationSeconds', '1e309'],
			['DurationSeconds', '-1'],
			['DurationSeconds', '99999999999999999999999'],
			['Policy', 'not json'],
			['Policy', nest('[', ']', 1000)],
			['Policy', '{"Version":"2012-10-17","Statement":' + nest('[', ']', 900, '{}') + '}'],
			['Policy', 'p'.repeat(3000)],
			['ProviderId', 'www.amazon.com'],
			['ProviderId', 'graph.facebook.com'],
			['ProviderId', 'https://evil.example'],
			['ProviderId', `${'p'.repeat(3000)}.com`],
			['Version', '2099-01-01'],
			['Action', 'AssumeRole'],
			['Action', ''],
		].map(([param, value]) =>
			post(`${param}=${value!.slice(0, 20)}…`, assume({ [param!]: value! })),
		),
		post(
			'a form of 10,000 parameters',
			'Action=GetCallerIdentity&Version=2011-06-15' + '&a=1'.repeat(10_000),
		),
		post('malformed percent-encoding', 'Action=%zz&Version=%&%%%=='),
		post('invalid UTF-8 in a form', Buffer.concat([Buffer.from('Action='), invalidUtf8])),
		post('a form over 1 MiB', `Action=GetCallerIdentity&x=${'y'.repeat(KiB * KiB + 1)}`),
		post('GetCallerIdentity, unsigned', 'Action=GetCallerIdentity&Version=2011-06-15'),
		post(
			'DecodeAuthorizationMessage of garbage, signed',
			'Action=DecodeAuthorizationMessage&Version=2011-06-15&EncodedMessage=' + 'g'.repeat(5000),
			{ signAs: 'sts' },
		),
		post(
			'GetCallerIdentity of an unknown version, signed',
			'Action=GetCallerIdentity&Version=1999-01-01',
			{ signAs: 'sts' },
		),
		post('an unknown action, signed', 'Action=GetSessionToken&Version=2011-06-15', {
			signAs: 'sts',
		}),
	];
}

/** DynamoDB: every malformed document, to a target and with a content type the generator picks. */
export function dynamoRequests(random: () => number): FuzzRequest[] {
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const requests: FuzzRequest[] = [];
	for (const [name, body] of jsonBodies) {
		for (const signed of [true, false]) {
			const target = pick(dynamoTargets);
			requests.push(jsonCall(DYNAMODB, target, body, signed, name, pick(dynamoTypes)));
		}
	}
	const deepPut = (depth: number) =>
		`{"TableName":"GameScores","Item":{"UserId":{"S":"oidc1/alice"},"GameTitle":{"S":"Deep${depth}"},"D":${dynamoNest(depth)}}}`;
	for (const depth of [1000, 3000, 10_000]) {
		// The gateway refuses nesting past DynamoDB's 32 levels (ValidationException) before anything
		// recursive sees it; were it forwarded, dynalite's stack overflow would be a contained 500, which
		// this case does not allow.
		requests.push(
			jsonCall(DYNAMODB, 'PutItem', deepPut(depth), true, `alice's own item nested ${depth} deep`),
		);
	}
	for (const target of ['', 'DynamoDB_20120810.', 'DynamoDB_20111205.GetItem', 'x'.repeat(4000)]) {
		const call = jsonCall(DYNAMODB, 'GetItem', '{}', true, '');
		requests.push({
			...call,
			name: `DynamoDB X-Amz-Target "${target.slice(0, 20)}", signed`,
			headers: { ...call.headers, 'x-amz-target': target },
		});
	}
	return requests;
}

const Bucket = 'fedplay-game-data';

/** S3: paths, subresources, queries and headers the gateway must refuse, signed or not. */
export function s3Requests(): FuzzRequest[] {
	const cases: [string, string, string, Record<string, string>, string?][] = [
		['another player’s object', 'GET', `/${Bucket}/players/oidc1/bob/profile.json`, {}],
		['a write to another player', 'PUT', `/${Bucket}/players/oidc1/bob/profile.json`, {}, 'x'],
		['a path that climbs out', 'PUT', `/${Bucket}/players/oidc1/alice/%2E%2E/bob/x`, {}, 'x'],
		['malformed percent-encoding', 'GET', `/${Bucket}/players/oidc1/alice/%zz`, {}],
		['a NUL in the key', 'GET', `/${Bucket}/players/oidc1/alice/a%00b`, {}],
		['a 1,100-byte key', 'GET', `/${Bucket}/players/oidc1/alice/${'k'.repeat(1100)}`, {}],
		[
			'a 300-byte path segment',
			'PUT',
			`/${Bucket}/players/oidc1/alice/${'s'.repeat(300)}`,
			{},
			'x',
		],
		['another bucket', 'GET', '/other-bucket/x', {}],
		['ListBuckets', 'GET', '/', {}],
		['a bucket ACL', 'GET', `/${Bucket}?acl`, {}],
		[
			'DeleteObjects',
			'POST',
			`/${Bucket}?delete`,
			{ 'content-type': 'application/xml' },
			'<Delete><Object><Key>players/oidc1/bob/x</Key></Object></Delete>',
		],
		[
			'an XML bomb',
			'POST',
			`/${Bucket}?delete`,
			{ 'content-type': 'application/xml' },
			'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Delete>&c;&c;&c;</Delete>',
		],
		['XML nested 50,000 deep', 'POST', `/${Bucket}?delete`, {}, nest('<a>', '</a>', 50_000, 'x')],
		[
			'a multipart upload into another player’s folder',
			'POST',
			`/${Bucket}/players/oidc1/bob/big?uploads`,
			{},
		],
		['a part upload', 'PUT', `/${Bucket}/players/oidc1/alice/big?partNumber=1&uploadId=x`, {}, 'x'],
		['a tagging subresource', 'PUT', `/${Bucket}/players/oidc1/alice/x?tagging`, {}, '<Tagging/>'],
		[
			'a copy',
			'PUT',
			`/${Bucket}/players/oidc1/alice/copy`,
			{ 'x-amz-copy-source': `/${Bucket}/players/oidc1/bob/profile.json` },
		],
		[
			'a canned ACL',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{ 'x-amz-acl': 'public-read' },
			'x',
		],
		['a virtual-hosted bucket', 'GET', '/players/oidc1/alice/x', { host: `${Bucket}.localhost` }],
		[
			'a list with a bad continuation token',
			'GET',
			`/${Bucket}?list-type=2&prefix=players/oidc1/bob/&continuation-token=%zz`,
			{},
		],
		['a list of every player', 'GET', `/${Bucket}?list-type=2&prefix=`, {}],
		[
			'a query of 1,000 parameters',
			'GET',
			`/${Bucket}/players/oidc1/alice/x?${'a=1&'.repeat(1000)}`,
			{},
		],
		['a 7 KB prefix', 'GET', `/${Bucket}?prefix=${'p'.repeat(7000)}`, {}],
		[
			'2.5 KB of metadata',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{ 'x-amz-meta-a': 'm'.repeat(2500) },
			'x',
		],
		[
			'a declared 70 MiB object',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{ 'content-length': String(70 * KiB * KiB) },
			'x',
		],
		[
			'a body whose hash lies',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{ 'x-amz-content-sha256': 'a'.repeat(64) },
			'x',
		],
		[
			'a streaming payload',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' },
			'x',
		],
		[
			'a garbage payload hash',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{ 'x-amz-content-sha256': 'zz' },
			'x',
		],
		[
			'a conditional write of garbage',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{ 'if-none-match': 'garbage' },
			'x',
		],
		[
			'a presigned-looking query',
			'GET',
			`/${Bucket}/players/oidc1/alice/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=x&X-Amz-Signature=y`,
			{},
		],
		[
			'a part number past 10,000',
			'PUT',
			`/${Bucket}/players/oidc1/alice/big?partNumber=10001&uploadId=x`,
			{},
			'x',
		],
		[
			'a CompleteMultipartUpload of garbage',
			'POST',
			`/${Bucket}/players/oidc1/alice/big?uploadId=x`,
			{},
			nest('<Part>', '</Part>', 20_000, 'x'),
		],
		[
			'a chunked body with a 9 KB trailer',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{
				'content-encoding': 'aws-chunked',
				'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
				'x-amz-decoded-content-length': '1',
				'x-amz-trailer': 'x-amz-checksum-crc32',
			},
			`1\r\nx\r\n0\r\nx-amz-checksum-crc32:${'A'.repeat(9000)}\r\n\r\n`,
		],
		[
			'a chunk size of 16 hex digits',
			'PUT',
			`/${Bucket}/players/oidc1/alice/x`,
			{
				'content-encoding': 'aws-chunked',
				'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
				'x-amz-decoded-content-length': '1',
			},
			'ffffffffffffffff\r\nx\r\n0\r\n\r\n',
		],
		[
			'a copy source of garbage',
			'PUT',
			`/${Bucket}/players/oidc1/alice/copy`,
			{ 'x-amz-copy-source': '%zz/%zz' },
		],
		[
			'a presigned URL expiring in a year',
			'GET',
			`/${Bucket}/players/oidc1/alice/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA%2F20200101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20200101T000000Z&X-Amz-Expires=31536000&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`,
			{},
		],
		[
			'a SigV2 query',
			'GET',
			`/${Bucket}/players/oidc1/alice/x?AWSAccessKeyId=AKIA&Expires=1&Signature=x`,
			{},
		],
		['an unknown method', 'PATCH', `/${Bucket}/players/oidc1/alice/x`, {}, 'x'],
		['a HEAD of another player', 'HEAD', `/${Bucket}/players/oidc1/bob/profile.json`, {}],
	];
	// S3's 501 NotImplemented: what the sandbox does not do (write conditions other than If-None-Match: *)
	// it says so, never half does. (Chunk signatures and presigned URLs are checked now: a 400 or 403.)
	const notImplemented = ['a conditional write of garbage'];
	const requests: FuzzRequest[] = [];
	for (const [name, method, path, headers, body] of cases) {
		for (const signed of [true, false]) {
			requests.push({
				name: `S3 ${name}${signed ? ', signed' : ''}`,
				server: 'aws',
				method,
				path,
				headers,
				...(body === undefined ? {} : { body }),
				shape: 's3',
				...(signed ? { signAs: 's3' as const } : {}),
				...(notImplemented.includes(name) ? { alsoAllowed: [501] } : {}),
			});
		}
	}
	// Authorization headers a parser could choke on (unsigned: these are the signature).
	const auths = [
		'AWS4-HMAC-SHA256',
		'AWS4-HMAC-SHA256 Credential=',
		'Bearer x',
		`AWS4-HMAC-SHA256 Credential=ASIA/20200101/us-east-1/s3/aws4_request, SignedHeaders=${'a;'.repeat(2000)}host, Signature=${'0'.repeat(64)}`,
		`AWS4-HMAC-SHA256 Credential=${'A'.repeat(5000)}/20200101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=zz`,
		`AWS4-HMAC-SHA256 ${'Credential=a, '.repeat(300)}`,
		'AWS4-HMAC-SHA256 Credential=ASIA/2020/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
	];
	for (const [index, authorization] of auths.entries()) {
		const dynamo = authorization.includes('/dynamodb/');
		requests.push({
			name: `an Authorization header "${authorization.slice(0, 40)}…"`,
			server: 'aws',
			method: dynamo ? 'POST' : 'GET',
			path: dynamo ? '/' : `/${Bucket}/players/oidc1/alice/x`,
			headers: {
				authorization,
				'x-amz-date': index % 2 === 0 ? '20200101T000000Z' : 'garbage',
				...(dynamo ? { 'x-amz-target': 'DynamoDB_20120810.GetItem' } : {}),
			},
			shape: dynamo ? 'dynamodb' : 's3',
		});
	}
	return requests;
}

/** Builds the requests to one identity provider, each named after it; an OAuth 2.0 error unless told. */
export function requestTo(server: Server) {
	return (
		name: string,
		method: string,
		path: string,
		headers: Record<string, string> = {},
		body?: string,
		shape: WireShape = 'oauth',
	): FuzzRequest => ({
		name: `${server} ${name}`,
		server,
		method,
		path,
		headers,
		...(body === undefined ? {} : { body }),
		shape,
	});
}

/** `hostileTokens(real)` that fit in a URL or a header under the providers' 16 KiB, the empty one left out. */
export const providerSizedTokens = (real: string) =>
	hostileTokens(real).filter(([, token]) => token !== '' && token.length < 12 * KiB);

/** Where a provider's pages are, for the cases every provider is sent alike (`providerRequests`). */
export interface ProviderRoutes {
	/** What its login page calls a sign-in in progress ("interaction", "sign-in"), for the case names. */
	signIn: string;
	/** Its login page for a sign-in id (`…/login` and `…/abort` below it). */
	signInPath: (id: string) => string;
	/** Its user-information endpoint, and what the case names call it. */
	userinfo: { name: string; path: string };
	/** Its test-only route that hands out a token for a player. */
	testToken: string;
}

/**
 * The cases every identity provider (the OpenID ones, Login with Amazon) is sent alike: hostile bearer
 * tokens and a huge header at its user information, logins and aborts of no sign-in, paths that do not
 * exist, and its test-only routes asked for no player and from a foreign page.
 */
export function providerRequests(
	server: Server,
	tokens: [string, string][],
	routes: ProviderRoutes,
): FuzzRequest[] {
	const request = requestTo(server);
	const testRoute = (name: string, path: string, headers: Record<string, string> = {}) =>
		request(name, 'GET', path, headers, undefined, 'sandbox-json');
	const { name: userinfo, path: userinfoPath } = routes.userinfo;
	return [
		...tokens.map(([name, token]) =>
			request(`${userinfo} with ${name}`, 'GET', userinfoPath, {
				authorization: `Bearer ${token}`,
			}),
		),
		request(`${userinfo} with a huge header`, 'GET', userinfoPath, {
			authorization: `Bearer ${'b'.repeat(17 * KiB)}`,
		}),
		request(
			`a login to no ${routes.signIn}`,
			'POST',
			`${routes.signInPath('nope')}/login`,
			FORM,
			'player=alice',
		),
		request(
			'a login with a script for a name',
			'POST',
			`${routes.signInPath('u'.repeat(200))}/login`,
			FORM,
			'player=<script>alert(1)</script>',
		),
		request(
			'a login of 12 KB',
			'POST',
			`${routes.signInPath('x')}/login`,
			FORM,
			`player=${'p'.repeat(12 * KiB)}`,
		),
		request(`an abort of no ${routes.signIn}`, 'POST', `${routes.signInPath('x')}/abort`, {}, ''),
		request('a path that does not exist', 'GET', `/${'x'.repeat(3000)}`),
		request('a traversal', 'GET', '/../../etc/passwd'),
		testRoute(
			'a test token for a player who does not exist',
			`${routes.testToken}?player=${'m'.repeat(5000)}`,
		),
		testRoute('a test token from a foreign page', `${routes.testToken}?player=alice`, {
			origin: 'https://evil.example',
		}),
		testRoute('a test route that does not exist', '/__sandbox/nope'),
	];
}

/** The identity providers: authorization, token, userinfo, logout, PAR, interactions, the test-only routes. */
export function idpRequests(real: string, server: 'idp0' | 'idp1'): FuzzRequest[] {
	const request = requestTo(server);
	// Without the empty token: an empty hint is no hint (a logout page).
	const tokens = providerSizedTokens(real);
	return [
		...providerRequests(server, tokens, {
			signIn: 'interaction',
			signInPath: (id) => `/interaction/${id}`,
			userinfo: { name: 'userinfo', path: '/me' },
			testToken: '/__sandbox/id-token',
		}),
		request('authorization with no parameters', 'GET', '/auth'),
		request('authorization with malformed percent-encoding', 'GET', '/auth?%zz=1&client_id=%'),
		request(
			'authorization for another client',
			'GET',
			'/auth?client_id=evil&response_type=code&scope=openid&redirect_uri=https://evil.example/',
		),
		request(
			'authorization to a foreign redirect',
			'GET',
			'/auth?client_id=fedplay-web&response_type=code&scope=openid&redirect_uri=https://evil.example/cb&code_challenge=x&code_challenge_method=S256',
		),
		request(
			'authorization with a 10 KB state',
			'GET',
			`/auth?client_id=fedplay-web&state=${'s'.repeat(10 * KiB)}`,
		),
		request(
			'authorization with a request object',
			'GET',
			`/auth?client_id=fedplay-web&request=${real}`,
		),
		request('authorization as a POST of JSON', 'POST', '/auth', JSON_TYPE, '{"client_id":'),
		request('a token request with no grant', 'POST', '/token', FORM, 'client_id=fedplay-web'),
		request(
			'a token request with a forged code',
			'POST',
			'/token',
			FORM,
			`grant_type=authorization_code&client_id=fedplay-web&code=${'c'.repeat(8000)}&code_verifier=x&redirect_uri=http://localhost:5173/`,
		),
		request(
			'a token request with a garbage refresh token',
			'POST',
			'/token',
			FORM,
			'grant_type=refresh_token&client_id=fedplay-web&refresh_token=%00%ff',
		),
		request('a token request in JSON', 'POST', '/token', JSON_TYPE, nest('[', ']', 5000)),
		request(
			'a token request as text',
			'POST',
			'/token',
			{ 'content-type': 'text/plain' },
			'grant_type=x',
		),
		request('a token request of 2,000 parameters', 'POST', '/token', FORM, 'a=1&'.repeat(2000)),
		request(
			'a token request with malformed percent-encoding',
			'POST',
			'/token',
			FORM,
			'%zz=%&grant_type=%',
		),
		request(
			'a client assertion',
			'POST',
			'/token',
			FORM,
			`grant_type=client_credentials&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=${real}`,
		),
		// A client revoking a token its provider never issued gets a 200, as RFC 7009 says; no client, an error.
		request('a revocation by no client', 'POST', '/token/revocation', FORM, 'token=x'),
		request(
			'a pushed authorization request',
			'POST',
			'/request',
			FORM,
			`client_id=fedplay-web&request=${real}`,
		),
		request(
			'a body declared over 16 KiB',
			'POST',
			'/token',
			{ ...FORM, 'content-length': '100000' },
			'grant_type=x',
		),
		...tokens.map(([name, token]) =>
			request(
				`logout hinting ${name}`,
				'GET',
				`/session/end?id_token_hint=${encodeURIComponent(token)}`,
			),
		),
		request('an interaction that does not exist', 'GET', '/interaction/nope'),
		request('the JWKS posted to', 'POST', '/jwks', FORM, 'x=1'),
		request(
			'a test token posted as text',
			'POST',
			'/__sandbox/id-token',
			{ 'content-type': 'text/plain' },
			'player=alice',
			'sandbox-json',
		),
	];
}

/** The AWS endpoint's test-only clock: malformed and cross-site. */
export function devClockRequests(): FuzzRequest[] {
	const post = (
		name: string,
		headers: Record<string, string>,
		body: string | Buffer,
	): FuzzRequest => ({
		name: `clock ${name}`,
		server: 'aws',
		method: 'POST',
		path: '/__sandbox/clock',
		headers,
		body,
		shape: 'sandbox-json',
	});
	return [
		...jsonBodies.map(([name, body]) => post(name, JSON_TYPE, body)),
		post('a string for a number', JSON_TYPE, '{"advanceMs":"900000"}'),
		post('infinity', JSON_TYPE, '{"advanceMs":1e999}'),
		post('an offset past the last valid date', JSON_TYPE, '{"offsetMs":1e300}'),
		post('a step of ten thousand years', JSON_TYPE, '{"advanceMs":315360000000000}'),
		post(
			'a text/plain POST from a foreign page',
			{ 'content-type': 'text/plain', origin: 'https://evil.example' },
			'{"advanceMs":1}',
		),
		post(
			'a JSON POST from the app',
			{ ...JSON_TYPE, origin: 'http://localhost:5173' },
			'{"advanceMs":1}',
		),
		post('a same-site POST', { ...JSON_TYPE, 'sec-fetch-site': 'same-site' }, '{"advanceMs":1}'),
		{ ...post('a route that does not exist', {}, ''), method: 'GET', path: '/__sandbox/nope' },
	];
}

/** Requests at the HTTP layer itself: broken framing, absurd lengths, requests cut short. */
export function rawRequests(server: Server): FuzzRaw[] {
	const shape: WireShape = server === 'aws' ? 's3' : 'oauth';
	const paths: Record<Server, string> = {
		aws: '/fedplay-game-data/players/oidc1/alice/x',
		idp0: '/token',
		idp1: '/token',
		amazon: '/auth/o2/token',
	};
	const path = paths[server];
	const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
	const raw = (name: string, text: string | Buffer, hangUp = false): FuzzRaw => ({
		name: `${server} ${name}`,
		server,
		bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'),
		hangUp,
		shape,
	});
	return [
		raw('garbage for a request line', 'GARBAGE\r\n\r\n'),
		raw('a request line of spaces', '         \r\n\r\n'),
		raw('HTTP/0.9, which never ends for an HTTP/1.1 parser', 'GET /\r\n', true),
		raw('a method of 2,000 letters', head([`${'G'.repeat(2000)} / HTTP/1.1`, 'Host: localhost'])),
		raw('a NUL in a header', head([`PUT ${path} HTTP/1.1`, 'Host: localhost', 'X-A: a\0b'])),
		raw(
			'a header without a colon',
			head([`GET ${path} HTTP/1.1`, 'Host: localhost', 'no colon here']),
		),
		raw(
			'an absurd Content-Length',
			head([`PUT ${path} HTTP/1.1`, 'Host: localhost', 'Content-Length: 99999999999999999999999']),
		),
		raw(
			'a Content-Length of a terabyte',
			head([
				`PUT ${path} HTTP/1.1`,
				'Host: localhost',
				'Connection: close',
				`Content-Length: ${2 ** 40}`,
			]) + 'abc',
		),
		raw(
			'a negative Content-Length',
			head([`PUT ${path} HTTP/1.1`, 'Host: localhost', 'Content-Length: -1']),
		),
		raw(
			'two Content-Lengths',
			head([`PUT ${path} HTTP/1.1`, 'Host: localhost', 'Content-Length: 1', 'Content-Length: 2']) +
				'ab',
		),
		raw(
			'Content-Length and chunked both',
			head([
				`PUT ${path} HTTP/1.1`,
				'Host: localhost',
				'Content-Length: 3',
				'Transfer-Encoding: chunked',
			]) + '0\r\n\r\n',
		),
		raw(
			'a broken chunk size',
			head([`PUT ${path} HTTP/1.1`, 'Host: localhost', 'Transfer-Encoding: chunked']) +
				'zz\r\nabc\r\n0\r\n\r\n',
		),
		raw(
			'invalid UTF-8 in the path and headers',
			Buffer.concat([
				Buffer.from(`GET ${path}/`),
				Buffer.from([0xff, 0xfe]),
				Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-A: '),
				Buffer.from([0xc3, 0x28]),
				Buffer.from('\r\n\r\n'),
			]),
		),
		raw(
			'a body cut short',
			head([`PUT ${path} HTTP/1.1`, 'Host: localhost', 'Content-Length: 1000']) + 'only this',
			true,
		),
		raw(
			'a chunked body cut short',
			head([`PUT ${path} HTTP/1.1`, 'Host: localhost', 'Transfer-Encoding: chunked']) +
				'400\r\nabc',
			true,
		),
		raw(
			'headers cut short (slowloris)',
			`POST ${path} HTTP/1.1\r\nHost: localhost\r\nX-Slow: a`,
			true,
		),
		raw('a request line cut short', 'GET /fedplay-game-data/pla', true),
		raw(
			'a pipelined pair, the second broken',
			head([`GET ${path} HTTP/1.1`, 'Host: localhost']) + 'BROKEN\r\n\r\n',
		),
	];
}
