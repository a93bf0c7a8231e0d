import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	answerClientError,
	bodyLimitOf,
	checkS3Metadata,
	readServiceBody,
} from './aws-request-limits';
import type { SandboxClock } from './clock';
import { handleDevClock } from './dev-clock';
import { ownOrigins } from './dev-endpoint-guard';
import {
	answerCognitoPreflight,
	applyCognitoCors,
	isCognitoPreflight,
} from './cognito-identity/cors';
import { TARGET_PREFIX as COGNITO_TARGET_PREFIX } from './cognito-identity/wire';
import { AwsError, internalError, isAwsError, sendAwsError, type AwsService } from './errors';
import { HEADERS_TIMEOUT_MS, MAX_AWS_HEADER_BYTES, REQUEST_TIMEOUT_MS } from './limits';
import { discardUnreadBody } from './read-body';
import { containRequests } from './request-boundary';
import { scopedService } from './sigv4';

/** Handles one request whose body has been read. Must answer `res`; an AwsError it throws is answered. */
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
	/** The Cognito Identity (JSON 1.1) handler; without one its calls get 501 NotImplemented. */
	cognitoIdentity?: RequestHandler;
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

const ALLOWED_METHODS = 'GET,PUT,POST,DELETE,HEAD';
const EXPOSED_HEADERS = [
	'ETag',
	'x-amz-request-id',
	'x-amzn-RequestId',
	'x-amz-id-2',
	'x-amz-version-id',
	'x-amz-crc32',
	'Date',
	// S3 object answers: a range's extent, and the checksums the browser SDK validates a read with.
	'Content-Range',
	'x-amz-checksum-crc32',
	'x-amz-checksum-crc32c',
	'x-amz-checksum-crc64nvme',
	'x-amz-checksum-sha1',
	'x-amz-checksum-sha256',
	'x-amz-checksum-type',
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

const notImplemented: RequestHandler = async (_req, res) => {
	sendAwsError(
		res,
		'cognito-identity',
		new AwsError('NotImplemented', 501, 'This sandbox endpoint has no Cognito Identity.'),
	);
};

/**
 * One HTTP endpoint for STS, S3 and DynamoDB, as LocalStack does: CORS for the app's origins, the dev-only
 * `/__sandbox/clock` control, STS for requests scoped to `sts` (or unsigned form POSTs with `Action=`), and
 * everything else to the pluggable gateway handler. Sizes are bounded before a body is read (`limits.ts`);
 * errors, a failure of ours included, answer in the addressed service's wire shape.
 */
export async function startAwsEndpoint(options: AwsEndpointOptions): Promise<AwsEndpoint> {
	let gateway = defaultGateway;
	let devOrigins: string[] = [];
	const server = createServer(
		{
			maxHeaderSize: MAX_AWS_HEADER_BYTES,
			headersTimeout: HEADERS_TIMEOUT_MS,
			requestTimeout: REQUEST_TIMEOUT_MS,
		},
		(req, res) =>
			handle(req, res).catch((error: unknown) => {
				if (!isAwsError(error)) throw error; // contained below: a 500, logged
				answerError(req, res, error);
			}),
	);
	containRequests(server, 'aws-endpoint', (req, res) =>
		answerError(req, res, internalError(addressedService(req))),
	);
	server.on('clientError', answerClientError);

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		// The SDKs correct their clock skew from this header, so it must be the sandbox's time.
		res.setHeader('Date', new Date(options.clock.now()).toUTCString());
		if ((req.url ?? '').startsWith('/__sandbox/')) {
			const dev = { enabled: options.devEndpoints, clock: options.clock, origins: devOrigins };
			await handleDevClock(req, res, dev);
			return;
		}
		const allowedOrigin = applyCors(req, res, options.appOrigins);
		if (isCognitoPreflight(req)) {
			answerCognitoPreflight(req, res);
			return;
		}
		if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
			answerPreflight(req, res, allowedOrigin);
			return;
		}
		const service = addressedService(req);
		if (service === 's3') checkS3Metadata(req);
		if (service === 'cognito-identity') applyCognitoCors(res);
		const body = await readServiceBody(req, bodyLimitOf(req, service));
		await handlerFor(addressedService(req, body))(req, res, body);
	}

	function handlerFor(service: AwsService): RequestHandler {
		if (service === 'sts') return options.sts;
		if (service === 'cognito-identity') return options.cognitoIdentity ?? notImplemented;
		return gateway;
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	devOrigins = ownOrigins([options.publicHost, options.host], port);
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

/**
 * Which service a request addresses: the SigV4 credential scope if signed (in the `Authorization` header or the
 * query's `X-Amz-Credential`); else STS for a Query-protocol request — `Action` and `Version` in the query string
 * of `/` (any method), or a form POST with `Action=` — as AWS's Query APIs accept both; DynamoDB for
 * `X-Amz-Target: DynamoDB_…`, Cognito Identity for `X-Amz-Target: AWSCognitoIdentityService.…`; else S3, which
 * has no `Action` parameter.
 */
export function addressedService(req: IncomingMessage, body?: Buffer): AwsService {
	const target = req.url ?? '/';
	const q = target.indexOf('?');
	const path = q === -1 ? target : target.slice(0, q);
	const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
	const scope = scopedService(req.headers) ?? queryScope(query);
	if (scope === 'sts' || scope === 's3' || scope === 'dynamodb' || scope === 'cognito-identity')
		return scope;
	const xAmzTarget = req.headers['x-amz-target'];
	if (typeof xAmzTarget === 'string' && xAmzTarget.startsWith('DynamoDB_')) return 'dynamodb';
	if (typeof xAmzTarget === 'string' && xAmzTarget.startsWith(COGNITO_TARGET_PREFIX))
		return 'cognito-identity';
	if (path === '/' && query.has('Action') && query.has('Version')) return 'sts';
	const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
	if (req.method === 'POST' && path === '/' && form) {
		if (body === undefined || /(^|&)Action=/.test(body.toString('latin1'))) return 'sts';
	}
	return 's3';
}

/** The service of a query-string (presigned) signature's scope: `X-Amz-Credential=KEY/DATE/REGION/SERVICE/aws4_request`. */
function queryScope(query: URLSearchParams): string | undefined {
	return /^[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request$/.exec(
		query.get('X-Amz-Credential') ?? '',
	)?.[1];
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

/** An AwsError in the addressed service's shape (S3 HEAD: status and headers only). */
function answerError(req: IncomingMessage, res: ServerResponse, error: AwsError): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	const service = addressedService(req);
	sendAwsError(res, service, error, { head: service === 's3' && req.method === 'HEAD' });
	discardUnreadBody(req);
}
