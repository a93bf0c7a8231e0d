/**
 * CORS as Cognito Identity answers browsers: any origin (its unsigned calls are public APIs, made from web
 * pages everywhere), the response headers the SDKs read exposed, preflights answered for `POST` with the
 * headers asked for. AWS documents none of this; it is what its endpoints answer (and what the AWS SDK in a
 * browser needs: it reads `x-amzn-RequestId` and `x-amzn-ErrorType`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const EXPOSED = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const PREFLIGHT_MAX_AGE_SECONDS = '172800';

/** The CORS headers of every Cognito Identity answer. */
export function applyCognitoCors(res: ServerResponse): void {
	res.setHeader('Access-Control-Allow-Origin', '*');
	res.setHeader('Access-Control-Expose-Headers', EXPOSED);
}

/**
 * A preflight for an unsigned Cognito Identity call: it asks for `x-amz-target` and not `authorization`. (On
 * the one endpoint DynamoDB's calls ask for `x-amz-target` too, but always signed; a signed Cognito call's
 * preflight is answered like every other signed call's, for the app's origins.)
 */
export function isCognitoPreflight(req: IncomingMessage): boolean {
	if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
	const asked = requestedHeaders(req);
	return asked.includes('x-amz-target') && !asked.includes('authorization');
}

export function answerCognitoPreflight(req: IncomingMessage, res: ServerResponse): void {
	applyCognitoCors(res);
	res.statusCode = 200;
	res.setHeader('Access-Control-Allow-Methods', 'POST');
	res.setHeader('Access-Control-Allow-Headers', requestedHeaders(req).join(','));
	res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
	res.setHeader('Content-Length', '0');
	res.end();
}

function requestedHeaders(req: IncomingMessage): string[] {
	return String(req.headers['access-control-request-headers'] ?? '')
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter((name) => /^[a-z0-9-]+$/.test(name));
}
