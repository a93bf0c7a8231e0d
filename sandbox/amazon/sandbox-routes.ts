import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseCrossSite } from '../dev-endpoint-guard';
import { sendJson } from '../http-json';
import { stylesheetPath } from '../idp/pages';
import type { PlayerDirectory } from '../idp/players';
import { requestedPlayer, sendStylesheet } from '../idp/sandbox-routes';
import { discardUnreadBody, readBody } from '../read-body';

export interface AmazonSandboxRouteContext {
	directory: PlayerDirectory;
	devEndpoints: boolean;
	/** An access token for the Fedplay app, as a real sign-in with scope `profile` gives it. */
	issueAccessToken(player: string): string;
	revokeAccessToken(token: string): boolean;
	/** The provider's own origins: the only ones allowed to call `/__sandbox/*`. */
	origins: readonly string[];
}

const MAX_REVOKE_BODY = 4096;

/**
 * `/__sandbox/*` of the sandbox Login with Amazon: the login page's stylesheet, and (dev endpoints only) for
 * scripts and tests `GET /__sandbox/access-token?player=NAME` → `{"access_token": "..."}`, and
 * `POST /__sandbox/revoke` with `{"access_token": "..."}`, which revokes it (Login with Amazon has no revocation
 * endpoint: a customer removes an app from their account). Every route refuses cross-site requests.
 */
export async function handleAmazonSandboxRoute(
	context: AmazonSandboxRouteContext,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	if (refuseCrossSite(req, res, context.origins)) return;
	const route = `${req.method} ${url.pathname}`;
	if (route === `GET ${stylesheetPath}`) return sendStylesheet(res);
	if (context.devEndpoints && route === 'GET /__sandbox/access-token') {
		const player = requestedPlayer(context.directory, url, res);
		if (player === undefined) return;
		return sendJson(res, 200, { access_token: context.issueAccessToken(player) });
	}
	if (context.devEndpoints && route === 'POST /__sandbox/revoke') return revoke(context, req, res);
	sendJson(res, 404, { error: 'not_found', error_description: 'No such sandbox endpoint' });
}

async function revoke(
	context: AmazonSandboxRouteContext,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	let token: unknown;
	try {
		token = (
			JSON.parse((await readBody(req, MAX_REVOKE_BODY)).toString('utf8')) as Record<string, unknown>
		)?.access_token;
	} catch {
		token = undefined;
	}
	if (typeof token !== 'string') {
		sendJson(res, 400, {
			error: 'invalid_request',
			error_description: 'expected {"access_token": "..."} of at most 4 KiB',
		});
		return discardUnreadBody(req);
	}
	if (!context.revokeAccessToken(token))
		return sendJson(res, 404, {
			error: 'unknown_token',
			error_description: 'This provider never issued that token',
		});
	sendJson(res, 200, { revoked: true });
}
