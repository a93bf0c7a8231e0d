/**
 * The gateway's own calls to dynalite, for what it emulates on top of dynalite's single-item operations
 * (transactions, the old item of a failed condition): one JSON 1.0 request in, status and parsed body out.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { Answer, Json } from './dynamodb-answers';

export class DynaliteClient {
	readonly #url: string;
	readonly #agent = new Agent({ keepAlive: true, maxSockets: 16 });

	/** `url`: dynalite's own URL, which only the gateway knows. */
	constructor(url: string) {
		this.#url = url;
	}

	/** Sends `input` as `DynamoDB_20120810.<operation>`. */
	call(operation: string, input: Json): Promise<Answer> {
		const payload = JSON.stringify(input);
		return new Promise((resolve, reject) => {
			const req = httpRequest(`${this.#url}/`, {
				method: 'POST',
				agent: this.#agent,
				headers: {
					'content-type': 'application/x-amz-json-1.0',
					'x-amz-target': `DynamoDB_20120810.${operation}`,
					// dynalite checks that a SigV4 header is present, never the signature.
					authorization:
						'AWS4-HMAC-SHA256 Credential=sandbox/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
					'x-amz-date': '20000101T000000Z',
					'content-length': Buffer.byteLength(payload),
				},
			});
			req.once('error', reject);
			req.once('response', (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.once('error', reject);
				res.once('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					try {
						resolve({
							status: res.statusCode ?? 500,
							body: text ? (JSON.parse(text) as Json) : {},
						});
					} catch (error) {
						reject(error as Error);
					}
				});
			});
			req.end(payload);
		});
	}

	close(): void {
		this.#agent.destroy();
	}
}
