/**
 * The authorizing gateway in front of the S3 object store (sandbox/s3/) and dynalite. For every S3 or
 * DynamoDB request: verify the SigV4 signature (header or presigned URL) and the session (sigv4.ts), check a
 * DynamoDB request as DynamoDB would (dynamodb-check.ts), map the request to IAM authorizations
 * (src/lib/iam/request, the mapping the inspector explains with), decide each with `src/lib/iam` against
 * the role's policies and the session policy, and only when all are allowed hand it to storage. A
 * DeleteObjects is decided key by key: a denied key is an `<Error>` in its answer. Anything it cannot map
 * is denied, never stored.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { evaluate } from '../../src/lib/iam';
import {
	mapRequest,
	tableSchemaOf,
	type Authorization,
	type RequestEnvironment,
} from '../../src/lib/iam/request';
import type { AuthzRequest } from '../../src/lib/iam/types';
import { addressedService } from '../aws-endpoint';
import type { SandboxClock } from '../clock';
import type { SandboxConfig } from '../config';
import { AwsError, sendAwsError, toAwsError } from '../errors';
import { policySetFor, type SandboxInfra } from '../infra';
import type { SessionStore, TemporarySession } from '../sessions';
import { toSignedRequest, type verifySigV4 as VerifySigV4, type VerifiedSession } from '../sigv4';
import { denialError, type AuthorizationFailure, type StorageService } from './denial';
import { sendAnswer } from './dynamodb-answers';
import { dynamoDBChecks } from './dynamodb-check';
import { DynamoDBEmulation } from './dynamodb-emulation';
import { Forwarder } from './forward';
import { baseContext, sourceIpOf } from './request-context';
import { checkKeys, keyRefusal } from './s3-key';
import { startStorage } from './storage';
import { wireRequestOf } from './wire-request';

export interface GatewayDeps {
	config: SandboxConfig;
	clock: SandboxClock;
	sessions: SessionStore;
	infra: SandboxInfra;
	verifySigV4: typeof VerifySigV4;
	/** Needed when `config.encodedAuthorizationMessages` is on: STS's encoder, so its decoder accepts the blob. */
	encodeAuthorizationMessage?: (payload: AuthorizationFailure) => string;
}

export interface Gateway {
	handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
	close(): Promise<void>;
	/** The emulators' own URLs, for the benchmark only: they bypass every check. */
	directEndpoints: { s3: string; dynamodb: string };
}

/** Starts the storage emulators and returns the gateway's request handler. */
export async function createGateway(deps: GatewayDeps): Promise<Gateway> {
	const { config, infra } = deps;
	if (config.encodedAuthorizationMessages && deps.encodeAuthorizationMessage === undefined) {
		throw new Error(
			'encodedAuthorizationMessages needs encodeAuthorizationMessage in the gateway deps',
		);
	}
	const storage = await startStorage({
		bucketName: infra.bucketName,
		table: infra.tableDefinition,
		now: () => deps.clock.now(),
	});
	const forwarder = new Forwarder();
	const table = tableSchemaOf(infra.tableDefinition);
	// What dynalite lacks: transactions and ALL_OLD on failure.
	const dynamodb = new DynamoDBEmulation(storage.dynamodbUrl, table, deps.clock);
	// The sandbox answers path-style requests only: no host is a base for virtual-hosted buckets.
	const environment: RequestEnvironment = {
		region: infra.region,
		accountId: infra.accountId,
		bucket: infra.bucketName,
		endpointHosts: [config.publicHost, 'localhost', '127.0.0.1', config.host].map((h) =>
			h.toLowerCase(),
		),
		virtualHostBases: [],
		tables: [table],
	};
	const checkDynamoDB = dynamoDBChecks(environment);

	/** The first authorization IAM denies, as the error to answer with; `null` when all are allowed. */
	function firstDenial(
		service: StorageService,
		session: TemporarySession,
		authorizations: Authorization[],
		req: IncomingMessage,
	): AwsError | null {
		const policies = policySetFor(infra, session);
		const context = baseContext(
			session,
			deps.clock.now(),
			sourceIpOf(req.socket.remoteAddress),
			infra.region,
		);
		for (const authorization of authorizations) {
			const request: AuthzRequest = {
				principal: session.assumedRoleArn,
				action: authorization.action,
				resource: authorization.resource,
				context: { ...context, ...authorization.context },
			};
			const decision = evaluate(request, policies);
			if (decision.decision === 'deny') {
				return denialError(service, request, decision, {
					principalId: session.assumedRoleId,
					encode: config.encodedAuthorizationMessages ? deps.encodeAuthorizationMessage : undefined,
				});
			}
		}
		return null;
	}

	async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
		const service: StorageService = addressedService(req, body) === 'dynamodb' ? 'dynamodb' : 's3';
		const head = req.method === 'HEAD';
		try {
			const verified = await deps.verifySigV4(toSignedRequest(req, body), service, {
				sessions: deps.sessions,
				clock: deps.clock,
				region: infra.region,
			});
			if (service === 's3') {
				answerS3(req, res, body, verified);
				return;
			}
			const mapped = mapRequest(wireRequestOf(service, req, body), environment, { checkDynamoDB });
			const denial = firstDenial(service, verified.session, mapped.authorizations, req);
			if (denial !== null) throw denial;
			const method = req.method ?? 'GET';
			const forward = () =>
				forwarder.forward(service, storage.dynamodbUrl, method, '/', req.headers, body, res);
			await answerDynamoDB(req, res, body, forward);
		} catch (error) {
			const answer = toAwsError(error);
			if (answer === null) throw error;
			sendAwsError(res, service, answer, { head });
		}
	}

	/**
	 * An S3 request: mapped, its keys checked, every authorization it needs decided (a DeleteObjects' keys
	 * one by one), then answered by the store.
	 */
	function answerS3(
		req: IncomingMessage,
		res: ServerResponse,
		body: Buffer,
		verified: VerifiedSession,
	): void {
		const mapped = mapRequest(wireRequestOf('s3', req, body), environment);
		if (mapped.service !== 's3') throw new Error('an S3 request mapped to another service');
		checkKeys(mapped);
		const { session } = verified;
		const perKey = mapped.objectAuthorizations;
		const denial = firstDenial(
			's3',
			session,
			perKey === undefined ? mapped.authorizations : [],
			req,
		);
		if (denial !== null) throw denial;
		let refusedKeys: Map<string, AwsError> | undefined;
		if (perKey !== undefined) {
			refusedKeys = new Map();
			for (const { key, authorization } of perKey) {
				const refusal =
					keyRefusal(key) ??
					(firstDenial('s3', session, [authorization], req) === null
						? null
						: new AwsError('AccessDenied', 403, 'Access Denied'));
				if (refusal !== null) refusedKeys.set(key, refusal);
			}
		}
		storage.s3.answer(
			{
				request: mapped,
				method: req.method ?? 'GET',
				headers: req.headers,
				body,
				...(refusedKeys === undefined ? {} : { refusedKeys }),
				...(verified.chunkVerifier === undefined ? {} : { verifier: verified.chunkVerifier }),
				principal: session.assumedRoleArn,
				origin: `http://${req.headers.host ?? `${config.publicHost}`}`,
			},
			res,
		);
	}

	/** Answers an authorized DynamoDB request: emulated by the gateway, or forwarded to dynalite. */
	async function answerDynamoDB(
		req: IncomingMessage,
		res: ServerResponse,
		body: Buffer,
		forward: () => Promise<void>,
	): Promise<void> {
		const target = req.headers['x-amz-target'];
		const emulated = dynamodb.answer(typeof target === 'string' ? target : undefined, body);
		if (emulated === undefined) await forward();
		else sendAnswer(res, await emulated);
	}

	return {
		handle,
		directEndpoints: { s3: storage.s3Url, dynamodb: storage.dynamodbUrl },
		async close() {
			forwarder.close();
			dynamodb.close();
			await storage.close();
		},
	};
}
