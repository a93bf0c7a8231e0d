import { createHash } from 'node:crypto';

/**
 * The identifiers Login with Amazon hands out, shaped like the real ones and derived from the sandbox's config,
 * so the same config always gives the same values (public/config.json holds the defaults' client id, and the
 * template's `AmazonAppId` the app id): a security profile's app id `amzn1.application.<32 hex>`, its web
 * client id `amzn1.application-oa2-client.<32 hex>`, and a customer's `amzn1.account.<28 [A-Z0-9]>`.
 */

/** A security profile at Login with Amazon: one app id, one client id (a public browser client, PKCE). */
export interface AmazonApp {
	/** Shown on the login page: who is asking. */
	name: string;
	/** `amzn1.application.…`: what `www.amazon.com:app_id` sees. */
	appId: string;
	/** `amzn1.application-oa2-client.…`: the OAuth `client_id`, the token information's `aud`. */
	clientId: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function digest(label: string): Buffer {
	return createHash('sha256').update(`fedplay-sandbox/login-with-amazon/${label}`).digest();
}

/** The security profile named `name`, with ids derived from `seed` (the sandbox config's account and client). */
export function amazonApp(name: string, seed: string): AmazonApp {
	return {
		name,
		appId: `amzn1.application.${digest(`app/${seed}`).toString('hex').slice(0, 32)}`,
		clientId: `amzn1.application-oa2-client.${digest(`client/${seed}`).toString('hex').slice(0, 32)}`,
	};
}

/**
 * A test player's `user_id`. Login with Amazon gives a customer one id for every app of a developer, so it
 * depends on the player and the seed, not on the app.
 */
export function amazonUserId(player: string, seed: string): string {
	const bytes = digest(`user/${seed}/${player}`);
	return `amzn1.account.${[...bytes.subarray(0, 28)].map((b) => BASE32[b % 32]).join('')}`;
}
