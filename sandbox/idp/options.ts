/** How to start one sandbox OpenID provider (index.ts); sandbox-providers.ts builds the sandbox's two. */
export interface IdentityProviderOptions {
	/** Bind address, '127.0.0.1'. */
	host: string;
	/** 'localhost': the issuer is `http://${publicHost}:${port}`. */
	publicHost: string;
	/** 0 = a free port (the issuer then uses the actual port). */
	port: number;
	/** The app's client id, e.g. 'fedplay-web'. */
	clientId: string;
	/** Loopback origins of the app: any redirect URI on one of them is allowed (path-prefix deploys). */
	appOrigins: string[];
	/** Test players, e.g. ['alice', 'bob', 'carol']. */
	players: string[];
	/** 'Fedplay ID', 'Arcade ID'. */
	displayName: string;
	/** Enables `GET /__sandbox/id-token`. */
	devEndpoints: boolean;
	/**
	 * Epoch ms from the sandbox clock. Tokens signed directly (`issueIdToken`, `/__sandbox/id-token`)
	 * follow it; tokens from a real login follow the real clock, as oidc-provider reads Date.now itself.
	 */
	now: () => number;
	/** Prefix of every `sub` ('arcade-' → `arcade-alice`); '' (the default) makes `sub` the player name. */
	subjectPrefix?: string;
	/**
	 * Whether the provider issues refresh tokens (default true). Without them the app renews the ID token
	 * with `prompt=none` in a hidden iframe, riding on the provider's session cookie.
	 */
	refreshTokens?: boolean;
}
