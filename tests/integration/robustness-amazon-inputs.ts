/**
 * The robustness test's inputs for the sandbox Login with Amazon: its authorization endpoint and login page,
 * its token, profile and token-information endpoints, CORS, and its test-only routes — malformed, oversized,
 * from the wrong origin. Fixed inputs, so every run sends the same ones.
 */
import {
	FORM,
	JSON_TYPE,
	nest,
	providerRequests,
	providerSizedTokens,
	requestTo,
	type FuzzRequest,
} from './robustness-inputs';

const KiB = 1024;

/**
 * `clientId` is the sandbox app's (so a request gets past the client check), `accessToken` one of its real
 * access tokens (tampered with below), `idToken` an OpenID provider's ID token.
 */
export function amazonRequests(
	clientId: string,
	accessToken: string,
	idToken: string,
): FuzzRequest[] {
	const request = requestTo('amazon');
	const testRoute = (
		name: string,
		method: string,
		path: string,
		headers: Record<string, string>,
		body?: string,
	) => request(name, method, path, headers, body, 'sandbox-json');
	const authorize = (query: string) => `/ap/oa?${query}`;
	const ours = `client_id=${encodeURIComponent(clientId)}&redirect_uri=http://localhost:5173/cb`;
	// Each fits in a URL or header under the provider's 16 KiB.
	const tokens: [string, string][] = [
		...providerSizedTokens(idToken),
		['a real token with one character changed', `${accessToken.slice(0, -1)}x`],
		['a real token with a NUL', `${accessToken}%00`],
		['a refresh token', `Atzr|${'r'.repeat(400)}`],
		['a token of 10 KB', `Atza|${'t'.repeat(10 * KiB)}`],
	];
	return [
		...providerRequests('amazon', tokens, {
			signIn: 'sign-in',
			signInPath: (id) => `/ap/signin/${id}`,
			userinfo: { name: 'profile', path: '/user/profile' },
			testToken: '/__sandbox/access-token',
		}),
		request('authorization with no parameters', 'GET', '/ap/oa'),
		request('authorization with malformed percent-encoding', 'GET', authorize('%zz=1&client_id=%')),
		request('authorization for another client', 'GET', authorize('client_id=evil&redirect_uri=x')),
		request(
			'authorization to a foreign redirect',
			'GET',
			authorize(`client_id=${encodeURIComponent(clientId)}&redirect_uri=https://evil.example/`),
		),
		request(
			'authorization with a client id of 5,000 characters',
			'GET',
			authorize(`client_id=${'c'.repeat(5000)}`),
		),
		request(
			'authorization with a redirect of 10 KB',
			'GET',
			authorize(
				`client_id=${encodeURIComponent(clientId)}&redirect_uri=http://localhost:5173/${'r'.repeat(10 * KiB)}`,
			),
		),
		request('authorization as a POST of JSON', 'POST', '/ap/oa', JSON_TYPE, '{"client_id":'),
		request(
			'a login with a script for a name, to no sign-in',
			'POST',
			`/ap/signin/${'u'.repeat(64)}/login`,
			FORM,
			'player=<script>alert(1)</script>',
		),
		request(
			'a login to a sign-in id of 200 characters',
			'POST',
			`/ap/signin/${'u'.repeat(200)}/login`,
			FORM,
			'player=alice',
		),
		request(
			'a traversal through the sign-in path',
			'POST',
			'/ap/signin/../../auth/o2/token',
			FORM,
			'',
		),
		request('a sign-in page fetched with GET', 'GET', '/ap/signin/x/login'),
		request(
			'a token request with no grant',
			'POST',
			'/auth/o2/token',
			FORM,
			`client_id=${clientId}`,
		),
		request(
			'a token request with a forged code and a 10 KB verifier',
			'POST',
			'/auth/o2/token',
			FORM,
			`grant_type=authorization_code&client_id=${clientId}&code=${'c'.repeat(4000)}&code_verifier=${'v'.repeat(10 * KiB)}&redirect_uri=http://localhost:5173/`,
		),
		request(
			'a token request with a garbage refresh token',
			'POST',
			'/auth/o2/token',
			FORM,
			`grant_type=refresh_token&client_id=${clientId}&refresh_token=%00%ff`,
		),
		request('a token request in JSON', 'POST', '/auth/o2/token', JSON_TYPE, nest('[', ']', 5000)),
		request(
			'a token request as text',
			'POST',
			'/auth/o2/token',
			{ 'content-type': 'text/plain' },
			'grant_type=x',
		),
		request(
			'a token request of 2,000 parameters',
			'POST',
			'/auth/o2/token',
			FORM,
			'a=1&'.repeat(2000),
		),
		request(
			'a token request with malformed percent-encoding',
			'POST',
			'/auth/o2/token',
			FORM,
			'%zz=%&grant_type=%',
		),
		request(
			'a token body declared over 16 KiB',
			'POST',
			'/auth/o2/token',
			{ ...FORM, 'content-length': '100000' },
			'grant_type=x',
		),
		request(
			'a token request of 12 KB',
			'POST',
			'/auth/o2/token',
			FORM,
			`grant_type=${'g'.repeat(12 * KiB)}`,
		),
		request(
			'a token request by GET',
			'GET',
			`/auth/o2/token?grant_type=authorization_code&${ours}`,
		),
		...tokens.map(([name, token]) =>
			request(
				`token information for ${name}`,
				'GET',
				`/auth/o2/tokeninfo?access_token=${encodeURIComponent(token)}`,
			),
		),
		request(
			'profile with three tokens at once',
			'GET',
			`/user/profile?access_token=a&access_token=b`,
			{ 'x-amz-access-token': 'c' },
		),
		request(
			'profile posted to',
			'POST',
			'/user/profile',
			FORM,
			`access_token=${encodeURIComponent(accessToken)}`,
		),
		request('a preflight from a foreign site', 'OPTIONS', '/auth/o2/token', {
			origin: 'https://evil.example',
			'access-control-request-method': 'POST',
		}),
		testRoute('a test token from the app', 'GET', '/__sandbox/access-token?player=alice', {
			origin: 'http://localhost:5173',
		}),
		testRoute(
			'a revocation posted as text',
			'POST',
			'/__sandbox/revoke',
			{ 'content-type': 'text/plain' },
			`{"access_token":"${accessToken}"}`,
		),
		testRoute(
			'a revocation of 8 KB',
			'POST',
			'/__sandbox/revoke',
			JSON_TYPE,
			`{"access_token":"${'a'.repeat(8 * KiB)}"}`,
		),
		testRoute(
			'a revocation nested 3,000 deep',
			'POST',
			'/__sandbox/revoke',
			JSON_TYPE,
			nest('[', ']', 3000),
		),
		testRoute(
			'a revocation that is not JSON',
			'POST',
			'/__sandbox/revoke',
			JSON_TYPE,
			'{"access_token":',
		),
		testRoute(
			'a revocation same-site',
			'POST',
			'/__sandbox/revoke',
			{ ...JSON_TYPE, 'sec-fetch-site': 'same-site' },
			`{"access_token":"${accessToken}"}`,
		),
	];
}
