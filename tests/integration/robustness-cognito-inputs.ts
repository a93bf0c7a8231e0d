/**
 * The robustness test's Cognito Identity inputs: every hostile JSON body to its unsigned and signed operations,
 * and hostile members (logins, pool ids, pagination tokens) the operations read.
 */
import { jsonBodies, jsonCall, type FuzzRequest, type JsonService } from './robustness-inputs';

const KiB = 1024;
const unsigned = ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken', 'UnlinkIdentity'];
const signed = ['GetOpenIdTokenForDeveloperIdentity', 'DescribeIdentityPool', 'ListIdentities'];

const COGNITO_IDENTITY: JsonService = {
	label: 'Cognito Identity',
	targetPrefix: 'AWSCognitoIdentityService',
	contentType: 'application/x-amz-json-1.1',
	signAs: 'cognito-identity',
	shape: 'cognito-identity',
};

/** Hostile members, each in a body that is otherwise well formed. */
function hostileMembers(poolId: string, token: string): [string, string][] {
	const jwtLike = (claims: object) =>
		`${Buffer.from('{"alg":"RS256","kid":"x"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
	return [
		[
			'ten 50,000-character logins',
			JSON.stringify({
				IdentityPoolId: poolId,
				Logins: Object.fromEntries([...Array(10)].map((_, i) => [`p${i}`, 'x'.repeat(50_000)])),
			}),
		],
		['a login keyed __proto__', `{"IdentityPoolId":"${poolId}","Logins":{"__proto__":"${token}"}}`],
		['logins that are a list', JSON.stringify({ IdentityPoolId: poolId, Logins: [token] })],
		[
			'a real token under a made-up key',
			JSON.stringify({ IdentityPoolId: poolId, Logins: { 'evil.example': token } }),
		],
		[
			'a JWT-shaped token with a huge claim',
			JSON.stringify({
				IdentityPoolId: poolId,
				Logins: { 'localhost:1': jwtLike({ iss: 'x'.repeat(40 * KiB) }) },
			}),
		],
		[
			'a token whose issuer is this endpoint',
			JSON.stringify({
				IdentityPoolId: poolId,
				Logins: { 'localhost:1': jwtLike({ iss: 'http://localhost:1' }) },
			}),
		],
		[
			'a pool id of 100 KB',
			JSON.stringify({ IdentityPoolId: `us-east-1:${'a'.repeat(100 * KiB)}` }),
		],
		['a pool id with a NUL', JSON.stringify({ IdentityPoolId: 'us-east-1:ab\u0000cd' })],
		[
			'an identity id of another region',
			JSON.stringify({ IdentityId: 'eu-west-1:0b6d2c3e-1f00-4a1b-9c2d-3e4f5a6b7c8d' }),
		],
		[
			'a forged pagination token',
			JSON.stringify({ IdentityPoolId: poolId, MaxResults: 1, NextToken: 'eyJwb3NpdGlvbiI6LTF9' }),
		],
		['MaxResults out of range', JSON.stringify({ IdentityPoolId: poolId, MaxResults: 1e300 })],
		[
			'a TokenDuration of -1',
			JSON.stringify({ IdentityPoolId: poolId, Logins: { x: 'y' }, TokenDuration: -1 }),
		],
	];
}

export function cognitoRequests(
	random: () => number,
	poolId: string,
	token: string,
): FuzzRequest[] {
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
	const requests: FuzzRequest[] = [];
	for (const [name, body] of [...jsonBodies, ...hostileMembers(poolId, token)]) {
		requests.push(jsonCall(COGNITO_IDENTITY, pick(unsigned), body, false, name));
		requests.push(jsonCall(COGNITO_IDENTITY, pick(signed), body, true, name));
	}
	for (const target of [
		'AWSCognitoIdentityService.',
		'AWSCognitoIdentityService.CreateIdentityPool',
		`AWSCognitoIdentityService.${'x'.repeat(4000)}`,
	]) {
		requests.push({
			...jsonCall(COGNITO_IDENTITY, 'GetId', '{}', false, `X-Amz-Target "${target.slice(0, 30)}"`),
			headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
			// CreateIdentityPool is a real operation the sandbox does not emulate: 501, in Cognito's shape.
			alsoAllowed: [501],
		});
	}
	return requests;
}
