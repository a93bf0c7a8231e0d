import { SandboxClock } from './clock';
import { defaultSandboxConfig, type SandboxConfig } from './config';
import { startAwsEndpoint } from './aws-endpoint';
import { createGateway } from './gateway/gateway';
import {
	sandboxIdentityProviderOptions,
	startIdentityProvider,
	type IdentityProvider,
} from './idp';
import { loadInfra, type SandboxInfra } from './infra';
import { SessionStore } from './sessions';
import { verifySigV4 } from './sigv4';
import {
	createAuthorizationMessageCodec,
	createStsHandler,
	type AuthorizationMessageCodec,
} from './sts';

/** Sandbox names for the template's resources (the template's parameters take these values). */
export const SANDBOX_BUCKET = 'fedplay-game-data';
export const SANDBOX_TABLE = 'GameScores';

export interface Sandbox {
	/** The resolved config, with the ports actually bound. */
	config: SandboxConfig;
	/** Issuers in order: 'Fedplay ID' first, then 'Arcade ID'. */
	issuers: string[];
	idps: IdentityProvider[];
	/** `http://localhost:PORT`: STS, S3 and DynamoDB. */
	awsEndpoint: string;
	clock: SandboxClock;
	sessions: SessionStore;
	infra: SandboxInfra;
	/** Role ARNs in provider order (`fedplay-player`, `fedplay-player-arcade`). */
	roleArns: string[];
	/** Seals the sandbox's encoded authorization failure messages (tests encode their own with it). */
	authorizationMessages: AuthorizationMessageCodec;
	close(): Promise<void>;
}

/**
 * Starts the whole sandbox: the two identity providers, then the infra template loaded with their issuers,
 * then the AWS endpoint (STS + the authorizing gateway). Ports may be 0 (free ports); loopback only.
 */
export async function createSandbox(overrides: Partial<SandboxConfig> = {}): Promise<Sandbox> {
	const requested: SandboxConfig = { ...defaultSandboxConfig, ...overrides };
	const clock = new SandboxClock();
	const closers: (() => Promise<void>)[] = [];
	const closeAll = async () => {
		for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
	};
	try {
		const idps: IdentityProvider[] = [];
		for (const options of sandboxIdentityProviderOptions(requested, () => clock.now())) {
			const idp = await startIdentityProvider(options);
			closers.push(() => idp.close());
			idps.push(idp);
		}
		const issuers = idps.map((idp) => idp.issuer);
		const infra = loadInfra({
			accountId: requested.accountId,
			region: requested.region,
			providers: issuers.map((url) => ({ url, clientId: requested.clientId })),
			bucketName: SANDBOX_BUCKET,
			tableName: SANDBOX_TABLE,
			...(requested.templatePath === undefined ? {} : { templatePath: requested.templatePath }),
		});
		const sessions = new SessionStore(clock);
		const authorizationMessages = createAuthorizationMessageCodec();
		const sts = createStsHandler({
			infra,
			sessions,
			clock,
			region: requested.region,
			authorizationMessages,
		});
		const endpoint = await startAwsEndpoint({
			host: requested.host,
			publicHost: requested.publicHost,
			port: requested.awsPort,
			appOrigins: requested.appOrigins,
			devEndpoints: requested.devEndpoints,
			clock,
			sts,
		});
		closers.push(() => endpoint.close());
		const config: SandboxConfig = {
			...requested,
			idpPort: Number(new URL(issuers[0]!).port),
			idp2Port: Number(new URL(issuers[1]!).port),
			awsPort: endpoint.port,
		};
		const gateway = await createGateway({
			config,
			clock,
			sessions,
			infra,
			verifySigV4,
			encodeAuthorizationMessage: (payload) => authorizationMessages.encode(payload),
		});
		closers.push(() => gateway.close());
		endpoint.setGatewayHandler((req, res, body) => gateway.handle(req, res, body));
		return {
			config,
			issuers,
			idps,
			awsEndpoint: endpoint.url,
			clock,
			sessions,
			infra,
			roleArns: infra.roles.map((role) => role.arn),
			authorizationMessages,
			close: closeAll,
		};
	} catch (error) {
		await closeAll();
		throw error;
	}
}

/** The app's runtime config (`public/config.json`) for this sandbox. */
export function sandboxRuntimeConfig(sandbox: Sandbox) {
	const role = (i: number) => {
		const found = sandbox.infra.roles[i];
		if (!found?.dataSegment) throw new Error(`the template gives role ${i + 1} no DataSegment`);
		return { arn: found.arn, dataSegment: found.dataSegment };
	};
	const names = ['Fedplay ID', 'Arcade ID'];
	const ids = ['fedplay-id', 'arcade-id'];
	return {
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		accountId: sandbox.config.accountId,
		durationSeconds: 900,
		refreshThresholdSeconds: 300,
		bucket: sandbox.infra.bucketName,
		table: sandbox.infra.tableName,
		providers: sandbox.issuers.map((issuer, i) => ({
			id: ids[i] ?? `provider-${i + 1}`,
			displayName: names[i] ?? `Provider ${i + 1}`,
			issuer,
			clientId: sandbox.config.clientId,
			scopes: 'openid profile email',
			roleArn: role(i).arn,
			dataSegment: role(i).dataSegment,
		})),
	};
}
