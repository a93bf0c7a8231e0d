/**
 * Conditional writes for S3 PutObject (`If-Match: <etag>`, `If-None-Match: *`), which s3rver ignores on
 * PUT. The gateway checks them against storage before forwarding, holding a per-key lock from the check
 * until storage has answered, so two racing writers cannot both pass. Answers as S3 does (User Guide,
 * "How to prevent object overwrites with conditional writes"): 412 `PreconditionFailed` when the
 * condition does not hold, 404 `NoSuchKey` for `If-Match` on a key that does not exist.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors';

const PRECONDITION_MESSAGE = 'At least one of the pre-conditions you specified did not hold';

export class S3ConditionalWrites {
	readonly #storageUrl: string;
	readonly #agent = new Agent({ keepAlive: true, maxSockets: 16 });
	readonly #locks = new Map<string, Promise<void>>();

	/** `storageUrl`: s3rver's own URL (`http://127.0.0.1:PORT`). */
	constructor(storageUrl: string) {
		this.#storageUrl = storageUrl;
	}

	/**
	 * Runs `forward` for an authorized S3 request. Object writes (PUT, DELETE) to one key run one at a
	 * time; a PUT's conditions are checked first and a failed one throws the AwsError to answer with.
	 */
	async run(
		method: string,
		forwardPath: string,
		headers: IncomingHttpHeaders,
		forward: () => Promise<void>,
	): Promise<void> {
		if (method !== 'PUT' && method !== 'DELETE') return forward();
		const objectPath = forwardPath.split('?')[0];
		return this.#withLock(objectPath, async () => {
			if (method === 'PUT') await this.#check(objectPath, headers);
			await forward();
		});
	}

	close(): void {
		this.#agent.destroy();
	}

	async #check(objectPath: string, headers: IncomingHttpHeaders): Promise<void> {
		const ifMatch = single(headers['if-match']);
		const ifNoneMatch = single(headers['if-none-match']);
		if (ifMatch === undefined && ifNoneMatch === undefined) return;
		const current = await this.#headEtag(objectPath);
		if (ifNoneMatch !== undefined) {
			if (ifNoneMatch.trim() !== '*') {
				throw new AwsError(
					'NotImplemented',
					501,
					'A header you provided implies functionality that is not implemented',
					{ extra: { Header: 'If-None-Match' } },
				);
			}
			if (current !== null) throw preconditionFailed('If-None-Match');
		}
		if (ifMatch !== undefined) {
			if (current === null) {
				const key = decodeURIComponent(objectPath.split('/').slice(2).join('/'));
				throw new AwsError('NoSuchKey', 404, 'The specified key does not exist.', {
					extra: { Key: key },
				});
			}
			if (!etagMatches(ifMatch, current)) throw preconditionFailed('If-Match');
		}
	}

	/** The stored object's ETag, or `null` when there is no such object. */
	#headEtag(objectPath: string): Promise<string | null> {
		return new Promise((resolve, reject) => {
			const req = httpRequest(`${this.#storageUrl}${objectPath}`, {
				method: 'HEAD',
				agent: this.#agent,
			});
			req.once('error', reject);
			req.once('response', (res) => {
				res.resume();
				const etag = res.headers.etag;
				resolve(res.statusCode === 200 && typeof etag === 'string' ? etag : null);
			});
			req.end();
		});
	}

	async #withLock<T>(key: string, run: () => Promise<T>): Promise<T> {
		const previous = this.#locks.get(key) ?? Promise.resolve();
		let release = () => {};
		const mine = new Promise<void>((resolve) => (release = resolve));
		const tail = previous.then(() => mine);
		this.#locks.set(key, tail);
		await previous;
		try {
			return await run();
		} finally {
			release();
			if (this.#locks.get(key) === tail) this.#locks.delete(key);
		}
	}
}

function preconditionFailed(condition: 'If-Match' | 'If-None-Match'): AwsError {
	return new AwsError('PreconditionFailed', 412, PRECONDITION_MESSAGE, {
		extra: { Condition: condition },
	});
}

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

/** RFC 7232 `If-Match`: `*` or a list of entity tags; S3 compares strongly, quotes optional. */
export function etagMatches(header: string, current: string): boolean {
	const bare = (tag: string) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
	return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(current));
}
