/**
 * The storage behind the gateway: dynalite (DynamoDB, in memory, on 127.0.0.1 at a free port only the
 * gateway knows) and the sandbox's own S3 object store (sandbox/s3/, in memory, in this process: the
 * gateway hands it each request it has authorized). No request reaches either without passing the
 * gateway's signature check and IAM decision — except through `s3Url`, a loopback server on the store
 * that authorizes nothing, for the benchmark's "direct" baselines only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { mapRequest } from '../../src/lib/iam/request';
import { internalError, sendAwsError, toAwsError, type AwsService } from '../errors';
import { readBody } from '../read-body';
import { MAX_S3_OBJECT_BYTES } from '../limits';
import { S3Service } from '../s3/service';
import { DynaliteClient } from './dynalite-client';
import type { TableDefinition } from '../infra';
import { containRequests, type FailureAnswer } from '../request-boundary';

export interface Storage {
	/** `http://127.0.0.1:PORT` of dynalite. */
	dynamodbUrl: string;
	/** The S3 object store. */
	s3: S3Service;
	/** `http://127.0.0.1:PORT` of the store without any check (benchmark baselines only). */
	s3Url: string;
	close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts both stores, creates the table (with its indexes), and resolves when ready. */
export async function startStorage(options: {
	bucketName: string;
	table: TableDefinition;
	now?: () => number;
}): Promise<Storage> {
	const s3 = new S3Service(options.now ?? Date.now);
	const direct = directS3Server(s3, options.bucketName);
	const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
	containRequests(dynamo, 'dynalite', answerInternalError('dynamodb'));
	containRequests(direct, 's3-direct', answerInternalError('s3'));
	try {
		await listen(direct);
		await listen(dynamo);
		const dynamodbUrl = `http://${HOST}:${(dynamo.address() as AddressInfo).port}`;
		await createTable(dynamodbUrl, options.table);
		return {
			dynamodbUrl,
			s3,
			s3Url: `http://${HOST}:${(direct.address() as AddressInfo).port}`,
			close: () => stop(s3, direct, dynamo),
		};
	} catch (error) {
		await stop(s3, direct, dynamo).catch(() => undefined);
		throw error;
	}
}

function listen(server: Server): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, HOST, () => resolve());
	});
}

/** The store over HTTP with no signature or IAM check: what s3rver's own port was, for baselines. */
function directS3Server(s3: S3Service, bucket: string): Server {
	return createServer((req, res) => {
		void (async () => {
			try {
				const body = await readBody(req, MAX_S3_OBJECT_BYTES);
				const headers: Record<string, string> = {};
				for (const [name, value] of Object.entries(req.headers)) {
					if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
				}
				const mapped = mapRequest(
					{ service: 's3', method: req.method ?? 'GET', url: req.url ?? '/', headers, body },
					{
						region: 'us-east-1',
						accountId: '000000000000',
						bucket,
						endpointHosts: [HOST, 'localhost'],
						virtualHostBases: [],
						tables: [],
					},
				);
				if (mapped.service !== 's3') throw new Error('not S3');
				s3.answer(
					{
						request: mapped,
						method: req.method ?? 'GET',
						headers: req.headers,
						body,
						principal: 'direct',
						origin: `http://${req.headers.host ?? HOST}`,
					},
					res,
				);
			} catch (error) {
				const answer = toAwsError(error) ?? internalError('s3');
				sendAwsError(res, 's3', answer, { head: req.method === 'HEAD' });
			}
		})();
	});
}

/** An emulator's failure, answered as the service answers its own: a 500 in its wire shape. */
function answerInternalError(service: AwsService): FailureAnswer {
	return (_req, res) => sendAwsError(res, service, internalError(service));
}

async function stop(s3: S3Service, direct: Server, dynamo: Server): Promise<void> {
	s3.store.clear();
	for (const server of [direct, dynamo]) {
		if (!server.listening) continue;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}

/** CreateTable in dynalite, from the template's table definition (BillingMode → no throughput needed). */
async function createTable(url: string, table: TableDefinition): Promise<void> {
	const client = new DynaliteClient(url);
	try {
		const answer = await client.call('CreateTable', { ...table });
		if (answer.status !== 200)
			throw new Error(
				`dynalite CreateTable failed (${answer.status}): ${JSON.stringify(answer.body)}`,
			);
	} finally {
		client.close();
	}
}
