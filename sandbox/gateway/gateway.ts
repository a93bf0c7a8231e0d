/**
 * The authorizing gateway in front of s3rver and dynalite. For every S3 or DynamoDB request: verify the
 * SigV4 signature and the session (sigv4.ts), check a DynamoDB request as DynamoDB would
 * (dynamodb-check.ts), map the request to IAM authorizations (src/lib/iam/request, the mapping the
 * inspector explains with), decide each with `src/lib/iam` against the role's policies and the session
 * policy, and only when all are allowed forward it to storage. Anything it cannot map is denied, never
 * forwarded.
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
import { sendAwsError, toAwsError, type AwsError } from '../errors';
import { policySetFor, type SandboxInfra } from '../infra';
import type { SessionStore, TemporarySession } from '../sessions';
import { toSignedRequest, type verifySigV4 as VerifySigV4 } from '../sigv4';
import { denialError, type AuthorizationFailure, type StorageService } from './denial';
import { sendAnswer } from './dynamodb-answers';
import { dynamoDBChecks } from './dynamodb-check';
import { DynamoDBEmulation } from './dynamodb-emulation';
import { Forwarder } from './forward';
import { baseContext, sourceIpOf } from './request-context';
import { S3ConditionalWrites } from './s3-conditional';
import { storageTarget } from './s3-key';
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

interface Target {
	authorizations: Authorization[];
	/** Where and how to forward once every authorization is allowed. */
	forward: { baseUrl: string; path: string };
	/** For an S3 HEAD, errors are status and headers only. */
	head: boolean;
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
	});
	const forwarder = new Forwarder();
	const table = tableSchemaOf(infra.tableDefinition);
	// What the emulators lack: conditional PUTs (s3rver); transactions and ALL_OLD on failure (dynalite).
	const conditional = new S3ConditionalWrites(storage.s3Url);
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

	/** Throws the AWS error to answer when the request cannot be authorized as it stands. */
	function target(service: StorageService, req: IncomingMessage, body: Buffer): Target {
		const mapped = mapRequest(wireRequestOf(service, req, body), environment, { checkDynamoDB });
		if (mapped.service === 's3') {
			return {
				authorizations: mapped.authorizations,
				forward: { baseUrl: storage.s3Url, path: storageTarget(mapped) },
				head: req.method === 'HEAD',
			};
		}
		return {
			authorizations: mapped.authorizations,
			forward: { baseUrl: storage.dynamodbUrl, path: '/' },
			head: false,
		};
	}

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
			const { session } = await deps.verifySigV4(toSignedRequest(req, body), service, {
				sessions: deps.sessions,
				clock: deps.clock,
				region: infra.region,
			});
			const mapped = target(service, req, body);
			const denial = firstDenial(service, session, mapped.authorizations, req);
			if (denial !== null) throw denial;
			const { baseUrl, path } = mapped.forward;
			const method = req.method ?? 'GET';
			const forward = () =>
				forwarder.forward(service, baseUrl, method, path, req.headers, body, res);
			if (service === 's3') await conditional.run(method, path, req.headers, forward);
			else await answerDynamoDB(req, res, body, forward);
		} catch (error) {
			const answer = toAwsError(error);
			if (answer === null) throw error;
			sendAwsError(res, service, answer, { head });
		}
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
			conditional.close();
			dynamodb.close();
			await storage.close();
		},
	};
}
