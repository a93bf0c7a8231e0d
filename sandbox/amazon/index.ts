/**
 * A sandbox provider that behaves like Login with Amazon, an OAuth 2.0 provider (not OpenID Connect): the
 * authorization code grant with PKCE at `/ap/oa`, the token endpoint `/auth/o2/token` (opaque `Atza|` access
 * tokens for an hour, no refresh token for the browser client, no ID token), the customer profile
 * `/user/profile` and the token information `/auth/o2/tokeninfo`, which STS asks to validate a token sent with
 * `ProviderId: www.amazon.com`. Its own loopback port and login page, with the same test players; the same
 * bounds and crash containment as the OpenID providers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ownOrigins } from '../dev-endpoint-guard';
import { pageSecurityPolicy } from '../idp/pages';
import { createPlayerDirectory } from '../idp/players';
import { assertLoopbackOrigins } from '../idp/redirect-uris';
import {
	answerClientError,
	answerServerError,
	idpServerOptions,
	refuseOversizedBody,
} from '../idp/transport';
import { containRequests } from '../request-boundary';
import { closeServer, listen } from '../server-lifecycle';
import { handleProfile, handleTokenInfo } from './api';
import { handleAuthorize, handleSignIn, SIGN_IN_PATH } from './authorize';
import { handleCors, sendOAuthError } from './http';
import { amazonApp, amazonUserId, type AmazonApp } from './ids';
import { handleAmazonSandboxRoute } from './sandbox-routes';
import { AmazonStore } from './store';
import { handleToken } from './token';

export type { AmazonApp } from './ids';

export interface AmazonProviderOptions {
	/** Bind address, '127.0.0.1'. */
	host: string;
	/** 'localhost': the provider is `http://${publicHost}:${port}`. */
	publicHost: string;
	/** 0 = a free port. */
	port: number;
	/** Loopback origins of the app: redirect URIs on them are allowed, and CORS answers them. */
	appOrigins: string[];
	players: string[];
	/** Enables `/__sandbox/access-token` and `/__sandbox/revoke`. */
	devEndpoints: boolean;
	/** Epoch ms from the sandbox clock: every code and token lifetime follows it. */
	now: () => number;
	/** What the app, client and user ids are derived from: the same seed, the same ids. */
	seed: string;
}

export interface AmazonEndpoints {
	authorization: string;
	token: string;
	profile: string;
	tokenInfo: string;
}

export interface AmazonProvider {
	/** `http://localhost:PORT` */
	url: string;
	endpoints: AmazonEndpoints;
	/** Fedplay's security profile: its client id is the app's, its app id the template's `AmazonAppId`. */
	app: AmazonApp;
	/** Another registered app (tests: a token for another app must not open Fedplay's role). */
	otherApp: AmazonApp;
	userIdOf(player: string): string;
	/** An access token as a real sign-in gives it (scope `profile`, for Fedplay unless told otherwise). */
	issueAccessToken(player: string, options?: { app?: AmazonApp; scope?: string }): string;
	/** Revokes a token, as a customer removing the app does; false when it was never issued. */
	revokeAccessToken(token: string): boolean;
	close(): Promise<void>;
}

export const AMAZON_DISPLAY_NAME = 'Login with Amazon (sandbox)';

export async function startAmazonProvider(options: AmazonProviderOptions): Promise<AmazonProvider> {
	assertLoopbackOrigins(options.appOrigins);
	const app = amazonApp('Fedplay', options.seed);
	const otherApp = amazonApp('Another app', `${options.seed}/another-app`);
	const apps = [app, otherApp];
	const directory = createPlayerDirectory(options.players, '', 'amazon-sandbox.example');
	const store = new AmazonStore(options.now);
	const userIdOf = (player: string) => amazonUserId(player, options.seed);
	const issueAccessToken: AmazonProvider['issueAccessToken'] = (player, extra = {}) => {
		const known = directory.findPlayer(player);
		if (known === undefined) throw new Error(`unknown test player "${player}"`);
		return store.issueAccessToken(extra.app ?? app, known, extra.scope ?? 'profile');
	};
	const revokeAccessToken = (token: string) => store.revoke(token);

	let handle = (_req: IncomingMessage, res: ServerResponse): unknown => res.writeHead(503).end();
	const server = createServer(idpServerOptions, (req, res) => handle(req, res));
	containRequests(server, 'amazon', answerServerError);
	server.on('clientError', answerClientError);
	await listen(server, options.port, options.host);
	const port = (server.address() as AddressInfo).port;
	const url = `http://${options.publicHost}:${port}`;

	const { appOrigins } = options;
	const authorize = {
		displayName: AMAZON_DISPLAY_NAME,
		apps,
		appOrigins,
		directory,
		store,
		csp: pageSecurityPolicy(url, appOrigins),
	};
	const api = {
		store,
		userIdOf,
		profileOf: (player: string) => {
			const { name, email } = directory.claimsOf(player);
			return { name, email };
		},
	};
	const sandboxRoutes = {
		directory,
		devEndpoints: options.devEndpoints,
		issueAccessToken: (player: string) => issueAccessToken(player),
		revokeAccessToken,
		origins: ownOrigins([options.publicHost, options.host], port),
	};
	// A failure in here is answered by the request boundary (containRequests above) as a 500.
	handle = (req, res) => {
		if (refuseOversizedBody(req, res)) return;
		const target = new URL(req.url ?? '/', url);
		const path = target.pathname;
		if (path.startsWith('/__sandbox/'))
			return handleAmazonSandboxRoute(sandboxRoutes, req, res, target);
		if (path === '/ap/oa') return only('GET', req, res) && handleAuthorize(authorize, res, target);
		const signIn = SIGN_IN_PATH.exec(path);
		if (signIn)
			return (
				only('POST', req, res) &&
				handleSignIn(authorize, req, res, signIn[1]!, signIn[2] as 'login' | 'abort')
			);
		if (!API_PATHS.has(path)) return notFound(path, res);
		if (handleCors(req, res, appOrigins)) return; // a preflight, answered
		if (path === '/auth/o2/token')
			return only('POST', req, res) && handleToken({ apps, store }, req, res);
		if (!only('GET', req, res)) return;
		return (path === '/user/profile' ? handleProfile : handleTokenInfo)(api, req, res, target);
	};

	return {
		url,
		endpoints: {
			authorization: `${url}/ap/oa`,
			token: `${url}/auth/o2/token`,
			profile: `${url}/user/profile`,
			tokenInfo: `${url}/auth/o2/tokeninfo`,
		},
		app,
		otherApp,
		userIdOf,
		issueAccessToken,
		revokeAccessToken,
		close: () => closeServer(server),
	};
}

const API_PATHS = new Set(['/auth/o2/token', '/user/profile', '/auth/o2/tokeninfo']);

/** True when the request uses `method`; otherwise answers 405 and returns false. */
function only(method: string, req: IncomingMessage, res: ServerResponse): boolean {
	if (req.method === method) return true;
	res.setHeader('Allow', method);
	sendOAuthError(res, 405, 'invalid_request', `This endpoint takes ${method} only.`);
	return false;
}

function notFound(path: string, res: ServerResponse): void {
	sendOAuthError(res, 404, 'invalid_request', `There is nothing at ${path.slice(0, 100)}.`);
}
