/**
 * `Content-Encoding: aws-chunked` bodies (S3 API Reference, "Signature Calculations for the Authorization
 * Header: Transferring Payload in Multiple Chunks" and "… Including Trailing Headers"): the object data in
 * chunks, each `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`, a last chunk of size 0, then optional
 * trailing headers (`x-amz-checksum-crc32:<b64>\r\n`, and `x-amz-trailer-signature:<sig>\r\n` when
 * signed) and an empty line. The Node SDK sends every streamed upload this way (unsigned, with a CRC32
 * trailer). Decoded here, with every chunk signature checked when the payload is signed, and bounded: a
 * chunk header line, the trailer section and the number of trailers are limited as headers are.
 */
import { AwsError } from '../errors';
import { MAX_S3_TRAILER_BYTES } from '../limits';

export interface ChunkVerifier {
	/** The signature a chunk of `data` must carry, given the previous one (the seed: the request's own). */
	chunk(previous: string, data: Buffer): string;
	/** The signature the trailer section (`name:value\n` for each) must carry, given the last chunk's. */
	trailer(previous: string, canonicalTrailers: string): string;
	seed: string;
}

export interface DecodedBody {
	data: Buffer;
	/** Trailing headers, names lower-cased (the trailer signature left out). */
	trailers: Record<string, string>;
}

/** The longest chunk header line: hex size plus `;chunk-signature=` and 64 hex digits, with room to spare. */
const MAX_CHUNK_HEADER = 256;

/**
 * Decodes `body`. `declaredTrailers` are the names `x-amz-trailer` announced (only those may follow);
 * `verifier` is given for a signed payload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]).
 */
export function decodeAwsChunked(
	body: Buffer,
	declaredTrailers: readonly string[],
	verifier?: ChunkVerifier,
): DecodedBody {
	const chunks: Buffer[] = [];
	let offset = 0;
	let previous = verifier?.seed ?? '';
	for (;;) {
		const lineEnd = body.indexOf('\r\n', offset);
		if (lineEnd === -1 || lineEnd - offset > MAX_CHUNK_HEADER) throw malformed('a chunk header');
		const line = body.subarray(offset, lineEnd).toString('latin1');
		const match = /^([0-9a-fA-F]{1,8})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(line);
		if (match === null) throw malformed('a chunk header');
		const size = parseInt(match[1]!, 16);
		const signature = match[2];
		if (verifier !== undefined && signature === undefined) throw malformed('a chunk signature');
		if (verifier === undefined && signature !== undefined) throw malformed('an unsigned chunk');
		offset = lineEnd + 2;
		if (offset + size > body.length) throw incomplete();
		const data = body.subarray(offset, offset + size);
		if (verifier !== undefined) {
			if (verifier.chunk(previous, data) !== signature) throw chunkSignatureMismatch();
			previous = signature!;
		}
		offset += size;
		if (size === 0) break;
		if (body.subarray(offset, offset + 2).toString('latin1') !== '\r\n') throw malformed('a chunk');
		offset += 2;
		chunks.push(data);
	}
	const trailers = readTrailers(body.subarray(offset), declaredTrailers, verifier, previous);
	return { data: Buffer.concat(chunks), trailers };
}

function readTrailers(
	rest: Buffer,
	declared: readonly string[],
	verifier: ChunkVerifier | undefined,
	previous: string,
): Record<string, string> {
	if (rest.length > MAX_S3_TRAILER_BYTES) {
		throw new AwsError('InvalidRequest', 400, 'The trailing headers of the request are too large.');
	}
	const text = rest.toString('latin1');
	if (!text.endsWith('\r\n')) throw malformed('the trailing headers');
	const lines = text.slice(0, -2).split('\r\n');
	// The last chunk's line ended in CRLF; with no trailers, one more CRLF ends the body.
	if (lines.length === 1 && lines[0] === '') {
		if (declared.length > 0) throw missingTrailer(declared[0]!);
		return {};
	}
	if (lines.at(-1) === '') lines.pop();
	const trailers: Record<string, string> = {};
	let canonical = '';
	let trailerSignature: string | undefined;
	for (const line of lines) {
		const colon = line.indexOf(':');
		if (colon <= 0) throw malformed('the trailing headers');
		const name = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (name === 'x-amz-trailer-signature' && verifier !== undefined) {
			trailerSignature = value;
			continue;
		}
		if (!declared.includes(name) || name in trailers) {
			throw new AwsError(
				'InvalidRequest',
				400,
				`The trailing header ${name.slice(0, 64)} was not declared in x-amz-trailer.`,
			);
		}
		trailers[name] = value;
		canonical += `${name}:${value}\n`;
	}
	for (const name of declared) if (!(name in trailers)) throw missingTrailer(name);
	if (verifier !== undefined) {
		if (
			trailerSignature === undefined ||
			verifier.trailer(previous, canonical) !== trailerSignature
		) {
			throw chunkSignatureMismatch();
		}
	}
	return trailers;
}

function malformed(what: string): AwsError {
	return new AwsError(
		'InvalidRequest',
		400,
		`The aws-chunked body is malformed: ${what} could not be read.`,
	);
}

function incomplete(): AwsError {
	return new AwsError('IncompleteBody', 400, 'The request body terminated unexpectedly');
}

function missingTrailer(name: string): AwsError {
	return new AwsError(
		'InvalidRequest',
		400,
		`The trailing header ${name} declared in x-amz-trailer is missing from the body.`,
	);
}

function chunkSignatureMismatch(): AwsError {
	return new AwsError(
		'SignatureDoesNotMatch',
		403,
		'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
	);
}
