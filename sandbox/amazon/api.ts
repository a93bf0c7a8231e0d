/**
 * The bearer-token API of the sandbox Login with Amazon: the customer profile, `GET /user/profile`, and the
 * token information, `GET /auth/o2/tokeninfo` — the server-to-server check that says whose token it is and for
 * which app, which STS calls for `ProviderId: www.amazon.com`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-json';
import { accessTokenOf, INVALID_TOKEN, sendOAuthError } from './http';
import type { AccessTokenRecord, AmazonStore } from './store';

export interface ApiContext {
	store: AmazonStore;
	/** The player's name and e-mail address, as the profile scope releases them. */
	profileOf(player: string): { name: string; email: string };
	userIdOf(player: string): string;
}

/** Login with Amazon's access tokens are at most 2048 bytes; anything longer is no token of ours. */
const MAX_TOKEN_BYTES = 2048;

/**
 * `{"iss","user_id","aud","app_id","exp","iat"}`: `exp` is the seconds the token has left and `iat` when it
 * was issued, in epoch seconds, as Login with Amazon answers.
 */
export function handleTokenInfo(
	context: ApiContext,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): void {
	const record = validToken(context, req, res, url);
	if (record === undefined) return;
	const now = context.store.now();
	sendJson(res, 200, {
		iss: 'https://www.amazon.com',
		user_id: context.userIdOf(record.player),
		aud: record.app.clientId,
		app_id: record.app.appId,
		exp: Math.max(0, Math.floor((record.expiresAt - now) / 1000)),
		iat: Math.floor(record.issuedAt / 1000),
	});
}

/** What the token's scopes release: `profile` the user id, name and e-mail; `profile:user_id` the id alone. */
export function handleProfile(
	context: ApiContext,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): void {
	const record = validToken(context, req, res, url);
	if (record === undefined) return;
	const scopes = record.scope.split(' ');
	const userId = context.userIdOf(record.player);
	if (scopes.includes('profile')) {
		const { name, email } = context.profileOf(record.player);
		return sendJson(res, 200, { user_id: userId, name, email });
	}
	if (scopes.includes('profile:user_id')) return sendJson(res, 200, { user_id: userId });
	sendOAuthError(res, 403, 'insufficient_scope', 'The access token does not grant the profile.');
}

/** The live token of the request, or undefined once the refusal is sent. */
function validToken(
	context: ApiContext,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): AccessTokenRecord | undefined {
	const token = accessTokenOf(req, url);
	if (token === undefined || token === null) {
		const description =
			token === undefined
				? 'The request is missing a required parameter : access_token'
				: 'The access token is given more than once.';
		sendOAuthError(res, 400, 'invalid_request', description);
		return undefined;
	}
	const record =
		Buffer.byteLength(token) > MAX_TOKEN_BYTES ? undefined : context.store.validAccessToken(token);
	if (record === undefined) sendOAuthError(res, 400, 'invalid_token', INVALID_TOKEN);
	return record;
}
