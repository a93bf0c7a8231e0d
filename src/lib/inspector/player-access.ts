import type { AwsCredentialsProvider } from '../aws/retry-on-expired';
import { createStsCalls } from '../aws/sts';
import type { RuntimeConfig } from '../config/schema';
import { activeProvider, appClock } from '../federation/runtime';
import type { CredentialRecord } from '../federation/source';
import { createGameData, type GameData } from '../game/data';
import type { DecodingClient } from './decode-message';

/**
 * The inspector's own AWS calls, signed with the player's temporary credentials and logged like every
 * other call: the STS call that decodes authorization messages, and the game's data calls for the demo and
 * the playground. By default they sign with the app's shared credential provider, so a refresh is picked
 * up; the playground passes its own scoped-down credentials.
 */

/** Whatever signs the inspector's calls. */
export type PlayerCredentials = AwsCredentialsProvider;

/** The app's one shared credential provider (lib/federation): refreshed, never a copy. */
export function appCredentials(): PlayerCredentials {
	return activeProvider();
}

/** Fixed credentials from a record (the playground's scoped-down ones). */
export function credentialsOf(record: CredentialRecord): PlayerCredentials {
	const { accessKeyId, secretAccessKey, sessionToken } = record;
	const expiration = new Date(record.expiration);
	return async () => ({ accessKeyId, secretAccessKey, sessionToken, expiration });
}

type ClientConfig = Pick<RuntimeConfig, 'region' | 'endpoint' | 'bucket' | 'table'>;

/** sts:DecodeAuthorizationMessage, signed with `credentials`, one attempt. */
export function decodingClient(
	config: ClientConfig,
	credentials: PlayerCredentials,
): DecodingClient {
	return createStsCalls({
		region: config.region,
		endpoint: config.endpoint,
		credentials,
		maxAttempts: 1,
	});
}

/** The game's data calls with `credentials`, one attempt per call (a denial is not retried). */
export function inspectorDataClients(
	config: ClientConfig,
	credentials: PlayerCredentials,
): GameData {
	return createGameData({ config, credentials, clock: appClock(), maxAttempts: 1 });
}
