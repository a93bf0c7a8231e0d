/**
 * Sandbox configuration. `main.ts` builds one from the environment; tests pass overrides to `createSandbox`
 * (port 0 = any free port). Every server binds to 127.0.0.1 only.
 */
export interface SandboxConfig {
	/** Interface every server binds to. Loopback only. */
	host: string;
	/** Host name used in URLs and issuers (`http://localhost:4000`). */
	publicHost: string;
	/** First identity provider (issuer `http://localhost:<idpPort>`). */
	idpPort: number;
	/** Second identity provider, for the two-provider sign-in screen. */
	idp2Port: number;
	/** The sandbox Login with Amazon (an OAuth 2.0 provider, `ProviderId: www.amazon.com`). */
	amazonPort: number;
	/** One endpoint for STS, S3 and DynamoDB, as LocalStack does. */
	awsPort: number;
	/** Origins of the app allowed by CORS and as OIDC redirect URI origins. */
	appOrigins: string[];
	accountId: string;
	region: string;
	/**
	 * OAuth client id of the app, registered at both OpenID providers (a public SPA client, PKCE S256). The
	 * sandbox Login with Amazon derives its own `amzn1.…` client and app ids from it and the account id.
	 */
	clientId: string;
	/** Test players, in order. */
	players: string[];
	/** Answer authorization denials with an `Encoded authorization failure message` (as EC2 does). */
	encodedAuthorizationMessages: boolean;
	/** Dev-only endpoints (`/__sandbox/…`: id tokens for scripts, clock control). On by default in the sandbox. */
	devEndpoints: boolean;
	/** Print endpoints and players on start. */
	verbose: boolean;
	/** Tests only: another CloudFormation template to enforce instead of `infra/fedplay.template.json`. */
	templatePath?: string;
	/** The template's Amazon Cognito identity pool, as its parameters set it up (README, "The sandbox"). */
	identityPool: IdentityPoolSettings;
}

export interface IdentityPoolSettings {
	/** Guests (unauthenticated identities) may play: `AllowUnauthenticatedIdentities`. */
	allowUnauthenticatedIdentities: boolean;
	/** The basic flow (GetOpenIdToken + AssumeRoleWithWebIdentity) is allowed: `AllowClassicFlow`. */
	allowClassicFlow: boolean;
	/** `DeveloperProviderName`, for the developer principal's GetOpenIdTokenForDeveloperIdentity; '' for none. */
	developerProviderName: string;
}

export const defaultSandboxConfig: SandboxConfig = {
	host: '127.0.0.1',
	publicHost: 'localhost',
	idpPort: 4000,
	idp2Port: 4001,
	amazonPort: 4002,
	awsPort: 4566,
	appOrigins: [
		'http://localhost:5173',
		'http://127.0.0.1:5173',
		'http://localhost:4173',
		'http://127.0.0.1:4173',
	],
	accountId: '123456789012',
	region: 'us-east-1',
	clientId: 'fedplay-web',
	players: ['alice', 'bob', 'carol'],
	encodedAuthorizationMessages: false,
	devEndpoints: true,
	verbose: false,
	identityPool: {
		allowUnauthenticatedIdentities: true,
		allowClassicFlow: true,
		developerProviderName: 'login.fedplay.sandbox',
	},
};
