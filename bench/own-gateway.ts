/**
 * A sandbox plus a second gateway of our own on its sessions and infra, so a benchmark knows the storage
 * emulators' direct URLs (for "direct" baselines and bulk loading) as well as a gateway endpoint.
 */
import { FREE_PORTS, createSandbox, type Sandbox } from '../sandbox/app';
import { startAwsEndpoint } from '../sandbox/aws-endpoint';
import { createGateway } from '../sandbox/gateway/gateway';
import { verifySigV4 } from '../sandbox/sigv4';

export interface OwnGateway {
	sandbox: Sandbox;
	/** Our gateway's endpoint (STS stays on `sandbox.awsEndpoint`). */
	endpointUrl: string;
	/** The storage emulators behind our gateway, unauthorized: for baselines and loading only. */
	direct: { s3: string; dynamodb: string };
	close(): Promise<void>;
}

export async function startOwnGateway(): Promise<OwnGateway> {
	const sandbox = await createSandbox({
		...FREE_PORTS,
		verbose: false,
	});
	const gateway = await createGateway({
		config: sandbox.config,
		clock: sandbox.clock,
		sessions: sandbox.sessions,
		infra: sandbox.infra,
		verifySigV4,
	});
	const endpoint = await startAwsEndpoint({
		host: sandbox.config.host,
		publicHost: sandbox.config.publicHost,
		port: 0,
		appOrigins: sandbox.config.appOrigins,
		devEndpoints: false,
		clock: sandbox.clock,
		sts: async (_req, res) => void res.writeHead(404).end(),
	});
	endpoint.setGatewayHandler((req, res, body) => gateway.handle(req, res, body));
	return {
		sandbox,
		endpointUrl: endpoint.url,
		direct: gateway.directEndpoints,
		async close() {
			await endpoint.close();
			await gateway.close();
			await sandbox.close();
		},
	};
}
