import { AMAZON_DISPLAY_NAME, startAmazonProvider, type AmazonProvider } from './amazon';
import { SandboxClock } from './clock';
import {
	createCognitoIdentityService,
	createCognitoTokenSigner,
	type CognitoIdentityService,
	type CognitoTokenSigner,
} from './cognito-identity';
import { defaultSandboxConfig, type IdentityPoolSettings, type SandboxConfig } from './config';
import { startAwsEndpoint } from './aws-endpoint';
import { createDeveloperPrincipal } from './developer-principal';
import { createGateway } from './gateway/gateway';
import {
	sandboxIdentityProviderOptions,
	startIdentityProvider,
	type IdentityProvider,
} from './idp';
import { loadInfra, type IdentityPoolInfo, type SandboxInfra } from './infra';
import { SessionStore } from './sessions';
import { verifySigV4 } from './sigv4';
import {
	AMAZON_PROVIDER_ID,
	createAuthorizationMessageCodec,
	createStsHandler,
	JwksCache,
	TOKEN_INFO_TIMEOUT_MS,
	type AuthorizationMessageCodec,
	type OAuthProviders,
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
	/** The sandbox Login with Amazon (OAuth 2.0; STS takes its tokens with `ProviderId: www.amazon.com`). */
	amazon: AmazonProvider;
	/**
	 * Where STS asks each OAuth 2.0 provider about a token (`www.amazon.com` → the sandbox Login with Amazon).
	 * Tests may point it elsewhere: an unreachable or misbehaving provider.
	 */
	oauthProviders: OAuthProviders;
	/** `http://localhost:PORT`: STS, S3 and DynamoDB. */
	awsEndpoint: string;
	clock: SandboxClock;
	sessions: SessionStore;
	infra: SandboxInfra;
	/** Role ARNs in template order (`fedplay-player`, `fedplay-player-arcade`, `fedplay-tournament`, …). */
	roleArns: string[];
	/** Seals the sandbox's encoded authorization failure messages (tests encode their own with it). */
	authorizationMessages: AuthorizationMessageCodec;
	/** The template's identity pools (one, over the first provider), with their deterministic ids. */
	identityPools: IdentityPoolInfo[];
	/** Cognito Identity's pools and identities (tests look at them). */
	cognitoIdentity: CognitoIdentityService;
	/** Signs Cognito Identity's OpenID tokens (tests sign their own with it, as for authorizationMessages). */
	cognitoTokens: CognitoTokenSigner;
	/**
	 * The developer principal's long-term keys (developer-principal.ts), for Cognito Identity's signed calls.
	 * Made at start-up, in memory only.
	 */
	developer: { arn: string; accessKeyId: string; secretAccessKey: string };
	close(): Promise<void>;
}

/**
 * Every port of the sandbox on a free one chosen by the system: what tests and benchmarks start, so several
 * run side by side (and beside a developer's sandbox on the fixed defaults). Spread it into the overrides.
 */
export const FREE_PORTS = {
	idpPort: 0,
	idp2Port: 0,
	amazonPort: 0,
	awsPort: 0,
} as const satisfies Partial<SandboxConfig>;

/**
 * Starts the whole sandbox: the two OpenID providers and the Login with Amazon one, then the infra template
 * loaded with their issuers and app id, then the AWS endpoint (STS + the authorizing gateway). Ports may be 0
 * (free ports); loopback only.
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
		const amazon = await startAmazonProvider({
			host: requested.host,
			publicHost: requested.publicHost,
			port: requested.amazonPort,
			appOrigins: requested.appOrigins,
			players: requested.players,
			devEndpoints: requested.devEndpoints,
			now: () => clock.now(),
			seed: `${requested.accountId}/${requested.clientId}`,
		});
		closers.push(() => amazon.close());
		const infra = loadInfra({
			accountId: requested.accountId,
			region: requested.region,
			providers: issuers.map((url) => ({ url, clientId: requested.clientId })),
			bucketName: SANDBOX_BUCKET,
			tableName: SANDBOX_TABLE,
			amazonAppId: amazon.app.appId,
			parameters: identityPoolParameters(requested.identityPool),
			...(requested.templatePath === undefined ? {} : { templatePath: requested.templatePath }),
		});
		const sessions = new SessionStore(clock);
		const authorizationMessages = createAuthorizationMessageCodec();
		const oauthProviders: OAuthProviders = new Map([
			[
				AMAZON_PROVIDER_ID,
				{ tokenInfoUrl: amazon.endpoints.tokenInfo, timeoutMs: TOKEN_INFO_TIMEOUT_MS },
			],
		]);
		const signer = await createCognitoTokenSigner(requested.region);
		const jwks = new JwksCache();
		const sts = createStsHandler({
			infra,
			sessions,
			clock,
			region: requested.region,
			authorizationMessages,
			oauthProviders,
			builtInIssuers: [signer.issuer],
			jwks,
		});
		const developer = createDeveloperPrincipal(
			requested.accountId,
			requested.region,
			infra.identityPools.map((pool) => pool.id),
		);
		const cognitoIdentity = createCognitoIdentityService({
			infra,
			sessions,
			clock,
			jwks,
			signer,
			users: { findByAccessKeyId: (id) => (id === developer.accessKeyId ? developer : undefined) },
		});
		const endpoint = await startAwsEndpoint({
			host: requested.host,
			publicHost: requested.publicHost,
			port: requested.awsPort,
			appOrigins: requested.appOrigins,
			devEndpoints: requested.devEndpoints,
			clock,
			sts,
			cognitoIdentity: (req, res, body) => cognitoIdentity.handle(req, res, body),
		});
		closers.push(() => endpoint.close());
		const config: SandboxConfig = {
			...requested,
			idpPort: Number(new URL(issuers[0]!).port),
			idp2Port: Number(new URL(issuers[1]!).port),
			amazonPort: Number(new URL(amazon.url).port),
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
			amazon,
			oauthProviders,
			awsEndpoint: endpoint.url,
			clock,
			sessions,
			infra,
			roleArns: infra.roles.map((role) => role.arn),
			authorizationMessages,
			identityPools: infra.identityPools,
			cognitoIdentity,
			cognitoTokens: signer,
			developer: {
				arn: developer.arn,
				accessKeyId: developer.accessKeyId,
				secretAccessKey: developer.secretAccessKey,
			},
			close: closeAll,
		};
	} catch (error) {
		await closeAll();
		throw error;
	}
}

/** The template's identity pool switches (its parameters) for the sandbox's settings. */
function identityPoolParameters(settings: IdentityPoolSettings): Record<string, string> {
	return {
		CreateIdentityPool: 'true',
		IdentityPoolAllowGuests: String(settings.allowUnauthenticatedIdentities),
		IdentityPoolAllowClassicFlow: String(settings.allowClassicFlow),
		IdentityPoolDeveloperProviderName: settings.developerProviderName,
	};
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
		...tournamentRole(sandbox),
		providers: [
			...sandbox.issuers.map((issuer, i) => ({
				id: ids[i] ?? `provider-${i + 1}`,
				displayName: names[i] ?? `Provider ${i + 1}`,
				issuer,
				clientId: sandbox.config.clientId,
				scopes: 'openid profile email',
				roleArn: role(i).arn,
				dataSegment: role(i).dataSegment,
			})),
			...sandbox.identityPools.map((pool) => identityPoolProvider(sandbox, pool)),
		],
		oauth2Providers: amazonProviderConfig(sandbox),
	};
}

/** The role an organizer chains to (issue 16), when the template has one. */
function tournamentRole(sandbox: Sandbox): { tournamentRoleArn?: string } {
	const role = sandbox.infra.roles.find((r) => r.logicalId === TOURNAMENT_ROLE_LOGICAL_ID);
	return role ? { tournamentRoleArn: role.arn } : {};
}

export const TOURNAMENT_ROLE_LOGICAL_ID = 'TournamentRole';

/**
 * The provider entry of an identity pool (README, "Configuration"): the pool, the flow the app takes, whether
 * guests may play, and the OpenID provider it federates — where the app signs in first (`issuer`, `clientId`,
 * `scopes`) and the key of that ID token in Cognito's `Logins` (`loginsKey`, the issuer without its scheme) —
 * then the roles (the basic flow assumes them by name) and the data segment both roles' policies use.
 */
export function identityPoolProvider(
	sandbox: Pick<Sandbox, 'infra' | 'config'>,
	pool: IdentityPoolInfo,
) {
	const federated = sandbox.infra.oidcProviders.find(
		(p) => p.arn === pool.openIdConnectProviderArns[0],
	);
	if (!federated || !pool.roles.authenticated || !pool.dataSegment)
		throw new Error(
			`${pool.logicalId}: an identity pool needs a provider, a role and a DataSegment output`,
		);
	return {
		id: 'fedplay-id-pool',
		displayName: 'Fedplay ID via Amazon Cognito',
		issuer: federated.url,
		clientId: sandbox.config.clientId,
		scopes: 'openid profile email',
		identityPoolId: pool.id,
		flow: 'enhanced' as const,
		loginsKey: federated.url.replace(/^https?:\/\//, ''),
		allowGuests: pool.allowUnauthenticatedIdentities,
		roleArn: pool.roles.authenticated,
		...(pool.roles.unauthenticated === undefined
			? {}
			: { guestRoleArn: pool.roles.unauthenticated }),
		dataSegment: pool.dataSegment,
	};
}

/**
 * The Login with Amazon entry of `oauth2Providers`: an OAuth 2.0 provider (no issuer, no ID token), whose
 * access token the app trades with `ProviderId`. Its own list, so an app that knows only OpenID providers
 * (`providers`) loads the config unchanged. Empty when the template has no Login with Amazon role.
 */
function amazonProviderConfig(sandbox: Sandbox) {
	const role = sandbox.infra.roles.find((r) => r.logicalId === AMAZON_ROLE_LOGICAL_ID);
	if (!role?.dataSegment) return [];
	const { endpoints, app } = sandbox.amazon;
	return [
		{
			id: 'amazon',
			displayName: AMAZON_DISPLAY_NAME,
			type: 'oauth2' as const,
			providerId: AMAZON_PROVIDER_ID,
			authorizationEndpoint: endpoints.authorization,
			tokenEndpoint: endpoints.token,
			profileEndpoint: endpoints.profile,
			tokenInfoEndpoint: endpoints.tokenInfo,
			clientId: app.clientId,
			appId: app.appId,
			scopes: 'profile',
			roleArn: role.arn,
			dataSegment: role.dataSegment,
		},
	];
}

/** The template's Login with Amazon role. */
export const AMAZON_ROLE_LOGICAL_ID = 'AmazonPlayerRole';
