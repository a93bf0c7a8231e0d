import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxClock } from './clock';
import { AwsError, sendAwsError, type AwsService } from './errors';
import { scopedService } from './sigv4';

/** Handles one request whose body has been read. Must answer `res` (and not throw, ideally). */
export type RequestHandler = (
	req: IncomingMessage,
	res: ServerResponse,
	body: Buffer,
) => Promise<void>;

export interface AwsEndpointOptions {
	host: string;
	/** Host name for the public URL (`localhost`). */
	publicHost: string;
	/** 0 = any free port. */
	port: number;
	appOrigins: string[];
	devEndpoints: boolean;
	clock: SandboxClock;
	/** The STS Query-protocol handler. */
	sts: RequestHandler;
	/** Largest body accepted, in bytes (default 10 MiB). */
	maxBodyBytes?: number;
}

export interface AwsEndpoint {
	/** `http://localhost:PORT` */
	url: string;
	port: number;
	server: Server;
	/** Routes every non-STS request (S3, DynamoDB) to `handler`. Until set, they get 501 NotImplemented. */
	setGatewayHandler(handler: RequestHandler): void;
	close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
const ALLOWED_METHODS = 'GET,PUT,POST,DELETE,HEAD';
const EXPOSED_HEADERS = [
	'ETag',
	'x-amz-request-id',
	'x-amzn-RequestId',
	'x-amz-id-2',
	'x-amz-version-id',
	'x-amz-crc32',
	'Date',
].join(', ');
const ALLOWED_REQUEST_HEADERS =
	/^(authorization|content-type|content-length|content-md5|content-encoding|content-disposition|content-language|cache-control|expires|range|if-match|if-none-match|if-modified-since|if-unmodified-since|x-amz-[a-z0-9-]+|amz-sdk-[a-z0-9-]+)$/;

const defaultGateway: RequestHandler = async (_req, res) => {
	sendAwsError(
		res,
		's3',
		new AwsError(
			'NotImplemented',
			501,
			'A header you provided implies functionality that is not implemented',
		),
	);
};

/**
 * One HTTP endpoint for STS, S3 and DynamoDB, as LocalStack does: CORS for the app's origins, the dev-only
 * `/__sandbox/clock` control, STS for requests scoped to `sts` (or unsigned form POSTs with `Action=`), and
 * everything else to the pluggable gateway handler. Errors answer in the addressed service's wire shape.
 */
export async function startAwsEndpoint(options: AwsEndpointOptions): Promise<AwsEndpoint> {
	let gateway = defaultGateway;
	const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
	const server = createServer((req, res) => {
		void handle(req, res).catch((error: unknown) => answerError(res, addressedService(req), error));
	});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		// The SDKs correct their clock skew from this header, so it must be the sandbox's time.
		res.setHeader('Date', new Date(options.clock.now()).toUTCString());
		const allowedOrigin = applyCors(req, res, options.appOrigins);
		if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
			answerPreflight(req, res, allowedOrigin);
			return;
		}
		if ((req.url ?? '').startsWith('/__sandbox/')) {
			await handleDevEndpoint(req, res, options);
			return;
		}
		const body = await readBody(req, maxBody);
		const service = addressedService(req, body);
		await (service === 'sts' ? options.sts : gateway)(req, res, body);
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://${options.publicHost}:${port}`,
		port,
		server,
		setGatewayHandler(handler) {
			gateway = handler;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Which service a request addresses: the SigV4 scope if signed, else STS for form POSTs with `Action=`,
 * DynamoDB for `X-Amz-Target: DynamoDB_…`, else S3. */
export function addressedService(req: IncomingMessage, body?: Buffer): AwsService {
	const scope = scopedService(req.headers);
	if (scope === 'sts' || scope === 's3' || scope === 'dynamodb') return scope;
	const target = req.headers['x-amz-target'];
	if (typeof target === 'string' && target.startsWith('DynamoDB_')) return 'dynamodb';
	const path = (req.url ?? '/').split('?')[0];
	const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
	if (req.method === 'POST' && path === '/' && form) {
		if (body === undefined || /(^|&)Action=/.test(body.toString('latin1'))) return 'sts';
	}
	return 's3';
}

function applyCors(req: IncomingMessage, res: ServerResponse, appOrigins: string[]): string | null {
	res.setHeader('Vary', 'Origin');
	const origin = req.headers.origin;
	if (!origin || !appOrigins.includes(origin)) return null;
	res.setHeader('Access-Control-Allow-Origin', origin);
	res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
	return origin;
}

function answerPreflight(req: IncomingMessage, res: ServerResponse, origin: string | null): void {
	if (!origin) {
		res.statusCode = 403;
		res.end();
		return;
	}
	const requested = String(req.headers['access-control-request-headers'] ?? '')
		.split(',')
		.map((h) => h.trim().toLowerCase())
		.filter((h) => ALLOWED_REQUEST_HEADERS.test(h));
	res.statusCode = 200;
	res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
	if (requested.length > 0) res.setHeader('Access-Control-Allow-Headers', requested.join(', '));
	res.setHeader('Access-Control-Max-Age', '600');
	res.setHeader('Content-Length', '0');
	res.end();
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > limit) throw tooLarge(addressedService(req), limit);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw tooLarge(addressedService(req), limit);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

function tooLarge(service: AwsService, limit: number): AwsError {
	if (service === 's3') {
		return new AwsError(
			'EntityTooLarge',
			400,
			'Your proposed upload exceeds the maximum allowed size',
			{
				extra: { MaxSizeAllowed: String(limit) },
			},
		);
	}
	if (service === 'dynamodb') {
		return new AwsError('RequestEntityTooLargeException', 413, 'Request size exceeded');
	}
	return new AwsError('RequestEntityTooLarge', 413, 'Request size exceeded');
}

function answerError(res: ServerResponse, service: AwsService, error: unknown): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	const err =
		error instanceof AwsError
			? error
			: new AwsError(
					service === 'dynamodb' ? 'InternalFailure' : 'InternalError',
					500,
					'We encountered an internal error. Please try again.',
				);
	if (!(error instanceof AwsError)) console.error('[aws-endpoint] unexpected error:', error);
	sendAwsError(res, service, err);
}

async function handleDevEndpoint(
	req: IncomingMessage,
	res: ServerResponse,
	options: AwsEndpointOptions,
): Promise<void> {
	const path = (req.url ?? '').split('?')[0];
	if (
		!options.devEndpoints ||
		path !== '/__sandbox/clock' ||
		!['GET', 'POST'].includes(req.method ?? '')
	) {
		sendJson(res, 404, { error: 'not_found' });
		return;
	}
	if (req.method === 'POST') {
		let input: { offsetMs?: unknown; advanceMs?: unknown };
		try {
			input = JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}') as typeof input;
		} catch {
			sendJson(res, 400, { error: 'body must be JSON: { "offsetMs": n } or { "advanceMs": n }' });
			return;
		}
		if (typeof input.offsetMs === 'number' && Number.isFinite(input.offsetMs))
			options.clock.set(input.offsetMs);
		else if (typeof input.advanceMs === 'number' && Number.isFinite(input.advanceMs))
			options.clock.advance(input.advanceMs);
		else {
			sendJson(res, 400, { error: 'expected { "offsetMs": n } or { "advanceMs": n }' });
			return;
		}
	}
	sendJson(res, 200, { now: options.clock.now(), offsetMs: options.clock.offsetMs });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
	const body = JSON.stringify(value);
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json');
	res.setHeader('Cache-Control', 'no-store');
	res.setHeader('Content-Length', Buffer.byteLength(body));
	res.end(body);
}
