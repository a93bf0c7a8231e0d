/**
 * The storage behind the gateway: dynalite (DynamoDB, in memory) and s3rver (S3, in a throwaway directory
 * in RAM when /dev/shm exists). Both listen on 127.0.0.1 at free ports that only the gateway knows; no
 * request reaches them without passing the gateway's signature check and IAM decision.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { internalError, sendAwsError, type AwsService } from '../errors';
import { DynaliteClient } from './dynalite-client';
import type { TableDefinition } from '../infra';
import { containRequests, type FailureAnswer } from '../request-boundary';

export interface Storage {
	/** `http://127.0.0.1:PORT` of dynalite. */
	dynamodbUrl: string;
	/** `http://127.0.0.1:PORT` of s3rver. */
	s3Url: string;
	close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts both emulators, creates the bucket and the table (with its indexes), and resolves when ready. */
export async function startStorage(options: {
	bucketName: string;
	table: TableDefinition;
}): Promise<Storage> {
	const directory = await mkdtemp(
		join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'fedplay-s3-'),
	);
	const s3 = new S3rver({
		address: HOST,
		port: 0,
		silent: true,
		directory,
		vhostBuckets: false,
		configureBuckets: [{ name: options.bucketName }],
	});
	dropRequestLogger(s3);
	const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
	containRequests(dynamo, 'dynalite', answerInternalError('dynamodb'));
	try {
		const s3Address = await s3.run();
		containRequests(s3.httpServer, 's3rver', answerInternalError('s3'));
		await new Promise<void>((resolve, reject) => {
			dynamo.once('error', reject);
			dynamo.listen(0, HOST, () => resolve());
		});
		const dynamodbUrl = `http://${HOST}:${(dynamo.address() as AddressInfo).port}`;
		await createTable(dynamodbUrl, options.table);
		return {
			dynamodbUrl,
			s3Url: `http://${HOST}:${s3Address.port}`,
			close: () => stop(s3, dynamo, directory),
		};
	} catch (error) {
		await stop(s3, dynamo, directory).catch(() => undefined);
		throw error;
	}
}

/** An emulator's failure, answered as the service answers its own: a 500 in its wire shape. */
function answerInternalError(service: AwsService): FailureAnswer {
	return (_req, res) => sendAwsError(res, service, internalError(service));
}

/**
 * s3rver installs koa-logger even when `silent`: it still times, colours and formats a line per request
 * (and wraps each response body in a byte-counting stream) only for winston to drop it. That was about
 * half a millisecond of CPU per S3 request in the single-threaded sandbox, where concurrent requests
 * queue behind each other's CPU work.
 */
function dropRequestLogger(s3: S3rver): void {
	const app = s3 as unknown as { middleware: { name: string }[] };
	const index = app.middleware.findIndex((m) => m.name === 'logger');
	if (index !== -1) app.middleware.splice(index, 1);
}

async function stop(s3: S3rver, dynamo: Server, directory: string): Promise<void> {
	await s3.close().catch(() => undefined);
	if (dynamo.listening) {
		dynamo.closeAllConnections();
		await new Promise<void>((resolve) => dynamo.close(() => resolve()));
	}
	await rm(directory, { recursive: true, force: true });
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
