/**
 * The token endpoint, `POST /auth/o2/token` (Login with Amazon, "Authorization Code Grant", Access Token
 * Request): an authorization code and its PKCE verifier become an access token. The answer is Login with
 * Amazon's — `access_token` (`Atza|…`), `token_type` `bearer`, `expires_in` 3600 — and nothing more: the browser
 * client gets no refresh token, and Login with Amazon issues no ID token.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm } from '../idp/http-util';
import { BodyTooLargeError, discardUnreadBody, IncompleteBodyError } from '../read-body';
import { repeatedParameter, sendOAuthError } from './http';
import type { AmazonApp } from './ids';
import { ACCESS_TOKEN_SECONDS, type AmazonStore, type AuthorizationCode } from './store';

export interface TokenContext {
	apps: readonly AmazonApp[];
	store: AmazonStore;
}

// RFC 7636 §4.1: 43 to 128 unreserved characters.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

class TokenError extends Error {
	constructor(
		readonly error: string,
		readonly description: string,
		readonly status = 400,
	) {
		super(description);
	}
}

export async function handleToken(
	context: TokenContext,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	try {
		const params = await readTokenRequest(req);
		const token = exchange(context, params);
		const json = JSON.stringify({
			access_token: token,
			token_type: 'bearer',
			expires_in: ACCESS_TOKEN_SECONDS,
		});
		res.writeHead(200, {
			'Content-Type': 'application/json;charset=UTF-8',
			'Content-Length': Buffer.byteLength(json),
			'Cache-Control': 'no-store',
			Pragma: 'no-cache',
		});
		res.end(json);
	} catch (error) {
		if (!(error instanceof TokenError)) throw error;
		sendOAuthError(res, error.status, error.error, error.description);
		discardUnreadBody(req);
	}
}

async function readTokenRequest(req: IncomingMessage): Promise<URLSearchParams> {
	const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	if (type !== 'application/x-www-form-urlencoded')
		throw invalidRequest('The request must be application/x-www-form-urlencoded.');
	let params: URLSearchParams;
	try {
		params = await readForm(req);
	} catch (error) {
		if (error instanceof BodyTooLargeError || error instanceof IncompleteBodyError)
			throw invalidRequest('The request body is too large or incomplete.', 413);
		throw error;
	}
	const repeated = repeatedParameter(params);
	if (repeated)
		throw invalidRequest(`The parameter ${repeated.slice(0, 40)} is given more than once.`);
	return params;
}

function exchange(context: TokenContext, params: URLSearchParams): string {
	const grantType = params.get('grant_type');
	if (grantType === null)
		throw invalidRequest('The request is missing a required parameter : grant_type');
	if (grantType === 'refresh_token')
		throw new TokenError('unauthorized_client', 'This client is not issued refresh tokens.');
	if (grantType !== 'authorization_code')
		throw new TokenError('unsupported_grant_type', 'The grant_type is not supported.');
	const [code, redirectUri, clientId, verifier] = [
		'code',
		'redirect_uri',
		'client_id',
		'code_verifier',
	].map((name) => {
		const value = params.get(name);
		if (value === null)
			throw invalidRequest(`The request is missing a required parameter : ${name}`);
		return value;
	}) as [string, string, string, string];
	const app = context.apps.find((a) => a.clientId === clientId);
	if (app === undefined) throw new TokenError('invalid_client', 'The client is not known.', 401);
	const granted = context.store.findCode(code);
	checkGrant(context.store, granted, app, redirectUri, verifier);
	const token = context.store.issueAccessToken(app, granted!.player, granted!.scope);
	granted!.accessToken = token;
	return token;
}

/** The code must be live, unused, this client's, for this redirect URI, and match the PKCE verifier. */
function checkGrant(
	store: AmazonStore,
	granted: AuthorizationCode | undefined,
	app: AmazonApp,
	redirectUri: string,
	verifier: string,
): asserts granted is AuthorizationCode {
	const invalidGrant = (why: string) => new TokenError('invalid_grant', why);
	if (granted === undefined)
		throw invalidGrant('The authorization code is invalid or has expired.');
	if (granted.accessToken !== undefined) {
		// RFC 6749 §4.1.2: a code used twice revokes what it gave, the first answer may have been stolen.
		store.revoke(granted.accessToken);
		throw invalidGrant('The authorization code has already been used.');
	}
	if (granted.app.clientId !== app.clientId)
		throw invalidGrant('The authorization code was issued to another client.');
	if (granted.redirectUri !== redirectUri)
		throw invalidGrant('The redirect_uri does not match the authorization request.');
	const challenge = createHash('sha256').update(verifier).digest('base64url');
	if (!VERIFIER.test(verifier) || challenge !== granted.codeChallenge)
		throw invalidGrant('The code_verifier does not match the code_challenge.');
}

function invalidRequest(description: string, status = 400): TokenError {
	return new TokenError('invalid_request', description, status);
}
