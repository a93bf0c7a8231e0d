import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { extname, join, normalize, relative as relativePath, resolve, sep } from 'node:path';
import { awsSourcesFor, securityHeaders, SILENT_CALLBACK_PAGE } from '../infra/security-headers';
import { cacheControlFor, contentTypeFor } from './deploy/plan';

/*
 * A tiny static server for the built app, with the headers production sends (issue 7): a strict CSP whose
 * violations are reported back here, SPA routing for app routes (the OIDC callback) and real 404s for
 * missing assets. For tests and local previews only. It compresses as CloudFront does with `Compress: true`
 * (the template's cache behaviours): brotli or gzip by the request's Accept-Encoding, for text types of
 * 1,000 bytes to 10 MB, with `Vary: Accept-Encoding`.
 */

export const CSP_REPORT_PATH = '__csp-report';

interface ConfigLike {
	region?: unknown;
	endpoint?: unknown;
	providers?: unknown;
	oauth2Providers?: unknown;
}

/** The endpoints of an OAuth 2.0 provider the app fetches (the authorization endpoint is a navigation). */
const OAUTH_FETCHED = ['tokenEndpoint', 'profileEndpoint', 'tokenInfoEndpoint'];

/**
 * Origins the app may talk to, from its runtime config: the OpenID providers' issuers, the OAuth 2.0
 * providers' fetched endpoints, and the AWS endpoint.
 */
function originsOf(config: ConfigLike | undefined): {
	issuers: string[];
	oauth: string[];
	aws: string[];
} {
	const origin = (value: unknown) => {
		try {
			return typeof value === 'string' ? new URL(value).origin : null;
		} catch {
			return null;
		}
	};
	const providers = Array.isArray(config?.providers)
		? (config.providers as { issuer?: unknown }[])
		: [];
	const issuers = [...new Set(providers.map((p) => origin(p?.issuer)).filter((o) => o !== null))];
	const oauthProviders = Array.isArray(config?.oauth2Providers)
		? (config.oauth2Providers as Record<string, unknown>[])
		: [];
	const oauth = [
		...new Set(
			oauthProviders
				.flatMap((p) => OAUTH_FETCHED.map((name) => origin(p?.[name])))
				.filter((o) => o !== null),
		),
	];
	const endpoint = origin(config?.endpoint);
	const region = typeof config?.region === 'string' ? config.region : 'us-east-1';
	return { issuers, oauth, aws: endpoint ? [endpoint] : awsSourcesFor(region) };
}

/**
 * Production's security headers (read from the CloudFront ResponseHeadersPolicy in the template) for the app
 * under `config`; CSP violations are reported to `reportUri`. `page` as in `securityHeaders`.
 */
export function productionHeaders(
	config: ConfigLike | undefined,
	reportUri?: string,
	page: 'site' | 'silent-callback' = 'site',
): Record<string, string> {
	const { issuers, oauth, aws } = originsOf(config);
	// report-uri only: Chrome ignores it when report-to is present, and report-to batches reports late.
	return securityHeaders(
		{ providers: issuers, oauth, aws, plainHttp: true, ...(reportUri ? { reportUri } : {}) },
		page,
	);
}

/** The Content-Security-Policy production sends for the app under `config`. */
export function contentSecurityPolicy(config: ConfigLike | undefined, reportUri?: string): string {
	return productionHeaders(config, reportUri)['content-security-policy']!;
}

export interface StaticServerOptions {
	/** Directory to serve, e.g. `dist`. */
	root: string;
	host?: string;
	/** 0 = any free port. */
	port?: number;
	/** Host name used in the server's URL (`localhost`, so it matches the sandbox issuers' host). */
	publicHost?: string;
	/** Served as `<basePath>config.json` instead of the file, when given. */
	config?: object;
	/** Path prefix the app is served under, with slashes: `/` or `/games/fedplay/`. */
	basePath?: string;
	/** Extra response headers. */
	headers?: Record<string, string>;
}

export interface StaticServer {
	/** `http://localhost:PORT` */
	origin: string;
	/** `origin + basePath`: where the app is. */
	url: string;
	port: number;
	/** Swap the served config (and with it the CSP's issuer and AWS origins). */
	setConfig(config: object | undefined): void;
	/** CSP violation reports received so far (JSON bodies as sent by the browser). */
	cspReports: unknown[];
	close(): Promise<void>;
}

/** Types CloudFront compresses (its documented list, the ones this app serves). */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)/;
/** CloudFront compresses objects of this many bytes or more, up to 10 MB. */
const MIN_COMPRESSED = 1_000;
const MAX_COMPRESSED = 10_000_000;

type Encoding = 'br' | 'gzip';

/** The encoding CloudFront picks for `acceptEncoding`: brotli first, then gzip; null for identity. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
	const offered = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
		offered.set(name, q === undefined ? 1 : Number(q));
	}
	const allows = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
	if (allows('br')) return 'br';
	if (allows('gzip')) return 'gzip';
	return null;
}

const compressedCache = new Map<string, Buffer>();

function compress(key: string, body: Buffer, encoding: Encoding): Buffer {
	const cacheKey = `${encoding}:${key}`;
	let out = compressedCache.get(cacheKey);
	if (!out) {
		out =
			encoding === 'br'
				? brotliCompressSync(body, {
						params: { [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
					})
				: gzipSync(body);
		compressedCache.set(cacheKey, out);
	}
	return out;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
	res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
	let body = '';
	for await (const chunk of req) {
		body += String(chunk);
		if (body.length > limit) throw new Error('body too large');
	}
	return body;
}

/** Start the server. Resolves once it listens. */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
	const root = resolve(options.root);
	const basePath = options.basePath ?? '/';
	if (!basePath.startsWith('/') || !basePath.endsWith('/')) {
		throw new Error(`basePath must start and end with "/", got "${basePath}"`);
	}
	let config = options.config;
	let fileConfig: ConfigLike | undefined;
	const cspReports: unknown[] = [];

	const currentConfig = async (): Promise<ConfigLike | undefined> => {
		if (config) return config as ConfigLike;
		if (fileConfig) return fileConfig;
		try {
			fileConfig = JSON.parse(await readFile(join(root, 'config.json'), 'utf8')) as ConfigLike;
		} catch {
			fileConfig = undefined;
		}
		return fileConfig;
	};

	const securityHeaders = async (page: 'site' | 'silent-callback' = 'site') => ({
		...productionHeaders(await currentConfig(), `${basePath}${CSP_REPORT_PATH}`, page),
		...options.headers,
	});

	const serveFile = async (
		req: IncomingMessage,
		res: ServerResponse,
		file: string,
		status = 200,
	) => {
		const type = contentTypeFor(file);
		// Like CloudFront's cache behaviour for this one path: only the silent renew page may be framed.
		const page = file === join(root, SILENT_CALLBACK_PAGE) ? 'silent-callback' : 'site';
		const info = await stat(file);
		let body: Buffer = await readFile(file);
		const compressible =
			COMPRESSIBLE.test(type) && body.length >= MIN_COMPRESSED && body.length <= MAX_COMPRESSED;
		const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null;
		if (encoding) body = compress(`${file}@${info.mtimeMs}`, body, encoding);
		res.writeHead(status, {
			...(await securityHeaders(page)),
			'content-type': type,
			'cache-control': cacheControlFor(relativePath(root, file).split(sep).join('/')),
			'content-length': body.length,
			...(compressible ? { vary: 'Accept-Encoding' } : {}),
			...(encoding ? { 'content-encoding': encoding } : {}),
		});
		res.end(req.method === 'HEAD' ? undefined : body);
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname === `${basePath}${CSP_REPORT_PATH}`) {
			if (req.method === 'POST') {
				const body = await readBody(req).catch(() => '');
				try {
					cspReports.push(JSON.parse(body));
				} catch {
					cspReports.push({ unparsed: body });
				}
				res.writeHead(204).end();
				return;
			}
			send(res, 200, contentTypeFor('x.json'), JSON.stringify(cspReports));
			return;
		}
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			send(res, 405, 'text/plain', 'Method Not Allowed');
			return;
		}
		if (url.pathname === basePath.slice(0, -1) && basePath !== '/') {
			res.writeHead(308, { location: basePath }).end();
			return;
		}
		if (!url.pathname.startsWith(basePath)) {
			send(res, 404, 'text/plain', 'Not Found');
			return;
		}
		const relative = decodeURIComponent(url.pathname.slice(basePath.length));
		if (relative === 'config.json' && config) {
			res.writeHead(200, {
				...(await securityHeaders()),
				'content-type': contentTypeFor('x.json'),
				'cache-control': 'no-store',
			});
			res.end(JSON.stringify(config));
			return;
		}
		const file = normalize(join(root, relative));
		if (file !== root && !file.startsWith(root + sep)) {
			send(res, 404, 'text/plain', 'Not Found');
			return;
		}
		const info = await stat(file).catch(() => null);
		if (info?.isFile()) return serveFile(req, res, file);
		// App routes (no extension, e.g. `callback`) get the app; a missing asset gets a real 404.
		if (extname(relative) === '') return serveFile(req, res, join(root, 'index.html'));
		send(res, 404, 'text/plain', 'Not Found');
	};

	const server = createServer((req, res) => {
		handle(req, res).catch(() => {
			if (!res.headersSent) send(res, 500, 'text/plain', 'Internal Server Error');
			else res.destroy();
		});
	});
	await new Promise<void>((ready, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', ready);
	});
	const { port } = server.address() as AddressInfo;
	const origin = `http://${options.publicHost ?? 'localhost'}:${port}`;
	return {
		origin,
		url: `${origin}${basePath}`,
		port,
		setConfig(next) {
			config = next;
		},
		cspReports,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
