import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseCrossSite } from '../dev-endpoint-guard';
import { sendJson } from '../http-json';
import { stylesheetPath } from './pages';
import type { PlayerDirectory } from './players';

const stylesheet = readFileSync(new URL('./login.css', import.meta.url));

/** The providers' pages' one stylesheet (`pages.ts` links it), for every sandbox provider that shows pages. */
export function sendStylesheet(res: ServerResponse): void {
	res.writeHead(200, {
		'Content-Type': 'text/css; charset=utf-8',
		'Content-Length': stylesheet.length,
		'Cache-Control': 'no-cache',
		'X-Content-Type-Options': 'nosniff',
	});
	res.end(stylesheet);
}

/** The test player `?player=NAME` names; undefined once a 404 listing the test players is sent. */
export function requestedPlayer(
	directory: PlayerDirectory,
	url: URL,
	res: ServerResponse,
): string | undefined {
	const requested = url.searchParams.get('player') ?? '';
	const player = directory.findPlayer(requested);
	if (player === undefined) {
		sendJson(res, 404, {
			error: 'unknown_player',
			error_description: `No test player "${requested.slice(0, 64)}"; use one of: ${directory.players.join(', ')}`,
		});
	}
	return player;
}

export interface SandboxRouteContext {
	directory: PlayerDirectory;
	devEndpoints: boolean;
	issueIdToken(player: string): Promise<string>;
	/** The provider's own origins: the only ones allowed to call `/__sandbox/*`. */
	origins: readonly string[];
}

/**
 * `/__sandbox/*`: the pages' stylesheet, and (dev endpoints only) `GET /__sandbox/id-token?player=NAME`
 * → `{"id_token": "..."}` for scripts and tests, signed and shaped like a real login's ID token. Every
 * route refuses cross-site requests (`dev-endpoint-guard.ts`).
 */
export async function handleSandboxRoute(
	context: SandboxRouteContext,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	if (refuseCrossSite(req, res, context.origins)) return;
	if (req.method === 'GET' && url.pathname === stylesheetPath) return sendStylesheet(res);
	if (context.devEndpoints && req.method === 'GET' && url.pathname === '/__sandbox/id-token') {
		const player = requestedPlayer(context.directory, url, res);
		if (player === undefined) return;
		return sendJson(res, 200, { id_token: await context.issueIdToken(player) });
	}
	sendJson(res, 404, { error: 'not_found', error_description: 'No such sandbox endpoint' });
}
