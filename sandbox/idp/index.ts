import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { ownOrigins } from '../dev-endpoint-guard';
import { containRequests } from '../request-boundary';
import { closeServer, listen } from '../server-lifecycle';
import { buildConfiguration } from './configuration';
import { signIdToken } from './id-token';
import { handleInteraction } from './interactions';
import type { IdentityProviderOptions } from './options';
import { pageSecurityPolicy } from './pages';
import { createPlayerDirectory } from './players';
import { allowAnyPathOnAppOrigins, assertLoopbackOrigins } from './redirect-uris';
import { handleSandboxRoute } from './sandbox-routes';
import { generateSigningKey } from './signing-key';
import {
	answerClientError,
	answerServerError,
	idpServerOptions,
	refuseOversizedBody,
} from './transport';

export { sandboxIdentityProviderOptions } from './sandbox-providers';

export interface IdentityProvider {
	issuer: string;
	jwksUri: string;
	close(): Promise<void>;
	/**
	 * Sign an ID token exactly like a real login (same iss, aud, claims, lifetime). For tests/scripts;
	 * `overrides` (tests only, in-process) replaces or adds claims, e.g. a chosen `sub` or an `azp`.
	 */
	issueIdToken(
		player: string,
		extra?: { nonce?: string; overrides?: Record<string, unknown> },
	): Promise<string>;
}

/**
 * Starts one sandbox OpenID provider (node-oidc-provider) on its own HTTP server: discovery, JWKS,
 * authorization code + PKCE, refresh, revocation, userinfo, end session, its own login page, and the
 * `/__sandbox/` routes. Each call is independent: own key, own cookies keys, own in-memory store.
 */
export async function startIdentityProvider(
	options: IdentityProviderOptions,
): Promise<IdentityProvider> {
	assertLoopbackOrigins(options.appOrigins);
	const { clientId, displayName, appOrigins } = options;
	const slug = displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	const directory = createPlayerDirectory(
		options.players,
		options.subjectPrefix ?? '',
		`${slug}.example`,
	);
	const key = await generateSigningKey();

	let handle = (_req: IncomingMessage, res: ServerResponse): unknown => res.writeHead(503).end();
	const server = createServer(idpServerOptions, (req, res) => handle(req, res));
	containRequests(server, `idp ${displayName}`, answerServerError);
	server.on('clientError', answerClientError);
	// The issuer names the actual port, so the server must be listening before the Provider exists.
	await listen(server, options.port, options.host);
	const issuer = `http://${options.publicHost}:${(server.address() as AddressInfo).port}`;
	const csp = pageSecurityPolicy(issuer, appOrigins);

	const provider = new Provider(
		issuer,
		buildConfiguration({
			clientId,
			displayName,
			appOrigins,
			directory,
			key,
			csp,
			refreshTokens: options.refreshTokens ?? true,
		}),
	);
	allowAnyPathOnAppOrigins(provider, appOrigins);
	// Also covers pages oidc-provider renders without asking us (the self-submitting sign-out form).
	provider.use(async (ctx, next) => {
		ctx.set('Content-Security-Policy', csp);
		await next();
	});
	provider.on('server_error', (_ctx, error) =>
		console.error(`[idp] ${displayName}: server_error (${error.name})`),
	);

	const issueIdToken: IdentityProvider['issueIdToken'] = async (player, extra = {}) => {
		const known = directory.findPlayer(player);
		if (known === undefined) throw new Error(`unknown test player "${player}"`);
		const nowSeconds = Math.floor(options.now() / 1000);
		const claims = directory.claimsOf(known);
		return signIdToken(key, { issuer, clientId, claims, nowSeconds, ...extra });
	};

	const oidc = provider.callback();
	const interactions = { provider, directory, displayName, csp };
	const port = (server.address() as AddressInfo).port;
	const sandboxRoutes = {
		directory,
		devEndpoints: options.devEndpoints,
		issueIdToken,
		origins: ownOrigins([options.publicHost, options.host], port),
	};
	// A failure in here is answered by the request boundary (containRequests above) as a 500.
	handle = (req, res) => {
		if (refuseOversizedBody(req, res)) return;
		const url = new URL(req.url ?? '/', issuer);
		if (url.pathname.startsWith('/__sandbox/'))
			return handleSandboxRoute(sandboxRoutes, req, res, url);
		if (url.pathname.startsWith('/interaction/'))
			return handleInteraction(interactions, req, res, url.pathname);
		return oidc(req, res);
	};

	return { issuer, jwksUri: `${issuer}/jwks`, close: () => closeServer(server), issueIdToken };
}
