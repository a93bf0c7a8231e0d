/**
 * The authorization endpoint, `GET /ap/oa` (Login with Amazon, "Authorization Code Grant"), and the login page
 * it shows: the app sends the player here; the player picks a test player (or cancels); the provider sends the
 * browser back to the app's `redirect_uri` with `code`, `scope` and `state` — or with `error`,
 * `error_description` and `state`.
 *
 * Stricter than Login with Amazon, which recommends PKCE and defaults `code_challenge_method` to `plain`: the
 * browser client has no secret, so a `code_challenge` is required, and only `S256`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, discardUnreadBody, IncompleteBodyError } from '../read-body';
import { readForm, sendHtml, sendMessagePage } from '../idp/http-util';
import { renderLoginPage } from '../idp/login-page';
import { pageHeaders } from '../idp/pages';
import type { PlayerDirectory } from '../idp/players';
import { isAppUri } from '../idp/redirect-uris';
import { repeatedParameter } from './http';
import type { AmazonApp } from './ids';
import type { AmazonStore, PendingSignIn } from './store';

export interface AuthorizeContext {
	displayName: string;
	apps: readonly AmazonApp[];
	appOrigins: readonly string[];
	directory: PlayerDirectory;
	store: AmazonStore;
	csp: string;
}

/** The scopes Login with Amazon knows; a request names one or more, space-separated. */
const SCOPES = new Set(['profile', 'profile:user_id', 'postal_code']);
// RFC 7636 §4.2: the S256 challenge is the base64url SHA-256 of the verifier, 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
// Login with Amazon: client_id "Maximum size of 100 bytes"; the others are sandbox bounds.
const MAX_CLIENT_ID = 100;
const MAX_URI = 2048;
const MAX_STATE = 2048;

type Refusal = { error: string; description: string };

export const SIGN_IN_PATH = /^\/ap\/signin\/([\w-]{1,64})\/(login|abort)$/;

/** `GET /ap/oa`: checks the request, then shows the login page (or sends the error where it may go). */
export function handleAuthorize(context: AuthorizeContext, res: ServerResponse, url: URL): void {
	const params = url.searchParams;
	const clientId = params.get('client_id') ?? '';
	const redirectUri = params.get('redirect_uri') ?? '';
	const app = context.apps.find((a) => a.clientId === clientId);
	// RFC 6749 §4.1.2.1: without a known client and one of its redirect URIs, tell the person, never redirect.
	if (clientId.length > MAX_CLIENT_ID || app === undefined) {
		return sendMessagePage(
			res,
			context.csp,
			400,
			'Unknown app',
			'No app is registered with this client id.',
		);
	}
	if (redirectUri.length > MAX_URI || !isAppUri(redirectUri, context.appOrigins)) {
		const message = 'The app asked to be answered at an address it has not registered.';
		return sendMessagePage(res, context.csp, 400, 'Unknown return address', message);
	}
	const state = params.get('state') ?? undefined;
	const refusal = requestProblem(params);
	if (refusal) return redirectWith(res, 302, redirectUri, errorParams(refusal, state));
	const id = context.store.addPending({
		app,
		redirectUri,
		scope: params.get('scope')!,
		codeChallenge: params.get('code_challenge')!,
		state,
	});
	sendHtml(res, 200, pageHeaders(context.csp), loginPage(context, id));
}

function requestProblem(params: URLSearchParams): Refusal | null {
	const invalid = (description: string) => ({ error: 'invalid_request', description });
	const repeated = repeatedParameter(params);
	if (repeated) return invalid(`The parameter ${repeated.slice(0, 40)} is given more than once.`);
	if ((params.get('state') ?? '').length > MAX_STATE)
		return invalid(`state is limited to ${MAX_STATE} characters.`);
	if (params.get('response_type') !== 'code')
		return {
			error: 'unsupported_response_type',
			description: 'The response_type must be code.',
		};
	const scopes = (params.get('scope') ?? '').split(' ');
	if (scopes.length > SCOPES.size || !scopes.every((scope) => SCOPES.has(scope)))
		return {
			error: 'invalid_scope',
			description: 'The scope must be profile, profile:user_id, postal_code or a combination.',
		};
	if (!params.has('code_challenge'))
		return invalid('A code_challenge is required: browser apps must use PKCE.');
	if (params.get('code_challenge_method') !== 'S256')
		return invalid('The code_challenge_method must be S256.');
	if (!S256_CHALLENGE.test(params.get('code_challenge')!))
		return invalid('The code_challenge must be 43 base64url characters (SHA-256).');
	return null;
}

/** `POST /ap/signin/:id/login` (a player chosen) and `…/abort` (cancelled). */
export async function handleSignIn(
	context: AuthorizeContext,
	req: IncomingMessage,
	res: ServerResponse,
	id: string,
	action: 'login' | 'abort',
): Promise<void> {
	if (context.store.findPending(id) === undefined) {
		discardUnreadBody(req);
		const message =
			'This sign-in has expired or was already used. Go back to the app and sign in again.';
		return sendMessagePage(res, context.csp, 400, 'Sign-in expired', message);
	}
	if (action === 'abort') {
		const pending = context.store.takePending(id)!;
		const refusal = {
			error: 'access_denied',
			description: `The player cancelled the sign-in at ${context.displayName}.`,
		};
		return redirectWith(res, 303, pending.redirectUri, errorParams(refusal, pending.state));
	}
	let typedName: string;
	try {
		typedName = ((await readForm(req)).get('player') ?? '').trim().slice(0, 64);
	} catch (error) {
		if (!(error instanceof BodyTooLargeError || error instanceof IncompleteBodyError)) throw error;
		const message = 'The sign-in form sent more than a player name. Go back and try again.';
		sendMessagePage(res, context.csp, 413, 'Too much data', message);
		return discardUnreadBody(req);
	}
	const player = context.directory.findPlayer(typedName);
	if (player === undefined) return retry(context, res, id, typedName);
	const pending = context.store.takePending(id);
	// Answered by another tab while this form was being read.
	if (pending === undefined)
		return sendMessagePage(res, context.csp, 400, 'Sign-in expired', 'Sign in again.');
	redirectWith(res, 303, pending.redirectUri, codeParams(context.store, pending, player));
}

function codeParams(store: AmazonStore, pending: PendingSignIn, player: string) {
	const params: Record<string, string> = {
		code: store.issueCode(pending, player),
		scope: pending.scope,
	};
	if (pending.state !== undefined) params.state = pending.state;
	return params;
}

function errorParams(refusal: Refusal, state: string | undefined): Record<string, string> {
	const params: Record<string, string> = {
		error: refusal.error,
		error_description: refusal.description,
	};
	if (state !== undefined) params.state = state;
	return params;
}

function retry(context: AuthorizeContext, res: ServerResponse, id: string, typedName: string) {
	const error =
		typedName === ''
			? 'Enter a player name or choose a test player.'
			: `There is no test player called "${typedName}". Choose one of: ${context.directory.players.join(', ')}.`;
	sendHtml(res, 400, pageHeaders(context.csp), loginPage(context, id, { typedName, error }));
}

function loginPage(
	context: AuthorizeContext,
	id: string,
	retryWith: { typedName: string; error: string } | undefined = undefined,
): string {
	const { app, scope } = context.store.findPending(id)!;
	return renderLoginPage({
		displayName: context.displayName,
		players: context.directory.players,
		loginAction: `/ap/signin/${id}/login`,
		cancelAction: `/ap/signin/${id}/abort`,
		consent: `${app.name} asks for ${consentOf(scope)}.`,
		...retryWith,
	});
}

/** What the scopes release (Login with Amazon, "Customer Profile"), in words. */
function consentOf(scope: string): string {
	const scopes = scope.split(' ');
	const what = scopes.includes('profile')
		? ['your name, e-mail address and Amazon user id']
		: ['your Amazon user id'];
	if (scopes.includes('postal_code')) what.push('your postal code');
	return what.join(' and ');
}

function redirectWith(
	res: ServerResponse,
	status: 302 | 303,
	redirectUri: string,
	params: Record<string, string>,
): void {
	const target = new URL(redirectUri);
	for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
	res.writeHead(status, {
		Location: target.href,
		'Cache-Control': 'no-store',
		'Referrer-Policy': 'no-referrer',
		'Content-Length': '0',
	});
	res.end();
}
