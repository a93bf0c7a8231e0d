/**
 * A browser's side of the sandbox Login with Amazon, over HTTP: the authorization request with PKCE (S256),
 * the login page's form, the redirect back to the app, and the token request — what the app will do with its
 * OAuth 2.0 credential source — and the STS call that trades the access token with `ProviderId`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AssumeRoleWithWebIdentityCommandInput } from '@aws-sdk/client-sts';
import type { AmazonProvider } from '../../sandbox/amazon';
import { AMAZON_ROLE_LOGICAL_ID, type Sandbox } from '../../sandbox/app';
import { sendWebIdentity } from './sts-clients';

export const APP_ORIGIN = 'http://localhost:5173';
export const REDIRECT_URI = `${APP_ORIGIN}/callback`;
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A fresh PKCE pair: a 43-character verifier and its S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The query of an authorization request as the app sends it; `overrides` replace (or, `undefined`, drop) one. */
export function authorizationUrl(
	amazon: AmazonProvider,
	challenge: string,
	overrides: Record<string, string | undefined> = {},
): string {
	const params: Record<string, string | undefined> = {
		client_id: amazon.app.clientId,
		scope: 'profile',
		response_type: 'code',
		redirect_uri: REDIRECT_URI,
		state: 'state-123',
		code_challenge: challenge,
		code_challenge_method: 'S256',
		...overrides,
	};
	const query = new URLSearchParams(
		Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
	);
	return `${amazon.endpoints.authorization}?${query}`;
}

/** Where the provider sent the browser (a redirect's Location), or null for a page. */
export function redirectedTo(response: Response): URL | null {
	const location = response.headers.get('location');
	return location === null ? null : new URL(location);
}

/** The login page's form actions: `[players, by name, cancel]`. */
export function formActions(html: string): string[] {
	return [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]!);
}

export interface SignedIn {
	code: string;
	verifier: string;
	/** The redirect back to the app: `code`, `scope`, `state`. */
	callback: URL;
}

/** The authorization request, then `player` chosen on the login page: the code the app receives. */
export async function signInAt(
	amazon: AmazonProvider,
	player = 'alice',
	overrides: Record<string, string | undefined> = {},
): Promise<SignedIn> {
	const { verifier, challenge } = pkce();
	const page = await fetch(authorizationUrl(amazon, challenge, overrides), { redirect: 'manual' });
	if (page.status !== 200) throw new Error(`the login page answered ${page.status}`);
	const [players] = formActions(await page.text());
	const answer = await fetch(`${amazon.url}${players}`, {
		method: 'POST',
		headers: FORM,
		body: new URLSearchParams({ player }),
		redirect: 'manual',
	});
	const callback = redirectedTo(answer);
	const code = callback?.searchParams.get('code');
	if (!callback || !code) throw new Error(`no code: ${answer.status} ${callback?.href ?? ''}`);
	return { code, verifier, callback };
}

/** `POST /auth/o2/token` from the app's origin, as the browser sends it. */
export function requestToken(
	amazon: AmazonProvider,
	params: Record<string, string>,
	headers: Record<string, string> = { ...FORM, origin: APP_ORIGIN },
): Promise<Response> {
	return fetch(amazon.endpoints.token, {
		method: 'POST',
		headers,
		body: new URLSearchParams(params),
	});
}

/** The whole sign-in: the access token the app ends up with. */
export async function accessTokenFor(amazon: AmazonProvider, player = 'alice'): Promise<string> {
	const { code, verifier } = await signInAt(amazon, player);
	const response = await requestToken(amazon, {
		grant_type: 'authorization_code',
		code,
		redirect_uri: REDIRECT_URI,
		client_id: amazon.app.clientId,
		code_verifier: verifier,
	});
	const body = (await response.json()) as { access_token?: string };
	if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
	return body.access_token;
}

/** The template's Login with Amazon role in this sandbox. */
export function amazonRoleArn(sandbox: Sandbox): string {
	const role = sandbox.infra.roles.find((r) => r.logicalId === AMAZON_ROLE_LOGICAL_ID);
	if (!role) throw new Error('the sandbox template has no Login with Amazon role');
	return role.arn;
}

/** AssumeRoleWithWebIdentity with `ProviderId: www.amazon.com` and `token`, unsigned, as the app will call it. */
export function assumeWithAccessToken(
	sandbox: Sandbox,
	token: string,
	input: Partial<AssumeRoleWithWebIdentityCommandInput> = {},
) {
	return sendWebIdentity(sandbox, {
		RoleArn: amazonRoleArn(sandbox),
		RoleSessionName: 'fedplay-amazon',
		WebIdentityToken: token,
		ProviderId: 'www.amazon.com',
		DurationSeconds: 900,
		...input,
	});
}
