import { describe, expect, it } from 'vitest';
import { AwsError } from '../../../sandbox/errors';
import { decodeAwsChunked } from '../../../sandbox/s3/aws-chunked';
import { checksumOf } from '../../../sandbox/s3/checksums';
import { chunkVerifier, signingKey } from '../../../sandbox/sigv4-query';

/**
 * The S3 API Reference's own example of a signed chunked upload ("Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks", Example: PUT Object): 66,560 bytes of
 * 'a' in chunks of 65,536 and 1,024, with the example key and the signatures AWS lists.
 */
const example = {
	secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	amzDate: '20130524T000000Z',
	scope: '20130524/us-east-1/s3/aws4_request',
	seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
	chunks: [
		[65536, 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648'],
		[1024, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497'],
		[0, 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9'],
	] as const,
};

function signedBody(signatures: readonly string[] = example.chunks.map(([, s]) => s)): Buffer {
	return Buffer.concat(
		example.chunks.flatMap(([size], i) => [
			Buffer.from(`${size.toString(16)};chunk-signature=${signatures[i]}\r\n`),
			Buffer.alloc(size, 'a'),
			Buffer.from('\r\n'),
		]),
	);
}

const verifier = () =>
	chunkVerifier(
		signingKey(example.secret, '20130524', 'us-east-1', 's3'),
		example.amzDate,
		example.scope,
		example.seed,
	);

describe('decodeAwsChunked', () => {
	it("decodes AWS's signed example and checks each chunk signature", () => {
		const decoded = decodeAwsChunked(signedBody(), [], verifier());
		expect(decoded.data.equals(Buffer.alloc(66560, 'a'))).toBe(true);
	});

	it('refuses a chunk whose signature is not the chained one', () => {
		const signatures = example.chunks.map(([, s]) => s);
		const swapped = [signatures[0], signatures[0], signatures[2]];
		expect(() => decodeAwsChunked(signedBody(swapped), [], verifier())).toThrow(
			expect.objectContaining({ code: 'SignatureDoesNotMatch', status: 403 }),
		);
	});

	it('refuses unsigned chunks in a signed payload, and signed chunks in an unsigned one', () => {
		expect(() => decodeAwsChunked(Buffer.from('1\r\na\r\n0\r\n\r\n'), [], verifier())).toThrow(
			AwsError,
		);
		expect(() => decodeAwsChunked(signedBody(), [])).toThrow(AwsError);
	});

	it('decodes an unsigned body with its declared trailer, as the SDK sends it', () => {
		const crc = checksumOf('CRC32', Buffer.from('hello world'));
		const body = Buffer.from(
			`6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:${crc}\r\n\r\n`,
		);
		expect(decodeAwsChunked(body, ['x-amz-checksum-crc32'])).toEqual({
			data: Buffer.from('hello world'),
			trailers: { 'x-amz-checksum-crc32': crc },
		});
	});

	it('refuses a missing declared trailer and an undeclared one', () => {
		expect(() => decodeAwsChunked(Buffer.from('0\r\n\r\n'), ['x-amz-checksum-crc32'])).toThrow(
			expect.objectContaining({ code: 'InvalidRequest' }),
		);
		expect(() => decodeAwsChunked(Buffer.from('0\r\nx-amz-checksum-sha1:x\r\n\r\n'), [])).toThrow(
			expect.objectContaining({ code: 'InvalidRequest' }),
		);
	});
});

describe('checksumOf', () => {
	// The catalogue of parametrised CRC algorithms' check values: each algorithm over "123456789".
	it.each([
		['CRC32', 'cbf43926'],
		['CRC32C', 'e3069283'],
		['CRC64NVME', 'ae8b14860a799888'],
		['SHA1', 'f7c3bc1d808e04732adf679965ccc34ca7ae3441'],
		['SHA256', '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225'],
	] as const)('%s of "123456789" is %s', (algorithm, hex) => {
		expect(
			Buffer.from(checksumOf(algorithm, Buffer.from('123456789')), 'base64').toString('hex'),
		).toBe(hex);
	});

	it('gives the same checksum over parts as over the whole', () => {
		const parts = [Buffer.from('1234'), Buffer.from('56789')];
		for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
			expect(checksumOf(algorithm, parts)).toBe(checksumOf(algorithm, Buffer.concat(parts)));
		}
	});
});
