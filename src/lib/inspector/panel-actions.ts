import type { ProviderConfig, RuntimeConfig } from '../config/schema';
import type { PlayerIdentity } from '../config/data-layout';
import { decodeAuthorizationMessage, type DecodedAuthorization } from './decode-message';
import {
	DENIED_DEMOS,
	probeGameCalls,
	reassumeWithPolicy,
	runCalls,
	type GameCallResult,
} from './playground';
import {
	appCredentials,
	decodingClient,
	inspectorDataClients,
	type CredentialSource,
} from './player-access';
import { callLog } from './store.svelte';

/**
 * What the panel's buttons do, so the components stay free of SDK calls. Every call goes through the
 * app-wide call log, so it shows in the log, the explanations and the flow.
 */

/** sts:DecodeAuthorizationMessage with the player's current credentials. */
export function decodeForPlayer(
	config: RuntimeConfig,
	encoded: string,
): Promise<DecodedAuthorization | null> {
	const client = decodingClient(config, appCredentials(), callLog);
	return decodeAuthorizationMessage(client, encoded);
}

/** The game's own read functions pointed at another player's data: denied, and logged. */
export function runDemoDenials(
	config: RuntimeConfig,
	player: PlayerIdentity,
): Promise<GameCallResult[]> {
	const data = inspectorDataClients(config, appCredentials(), callLog);
	return runCalls(DENIED_DEMOS, data, player, callLog);
}

/** Re-assumes the role with `policy`; the returned source hands out those (scoped) credentials. */
export async function assumeScoped(input: {
	config: RuntimeConfig;
	provider: ProviderConfig;
	baseUrl: string;
	policy: string | null;
}): Promise<CredentialSource> {
	const role = await reassumeWithPolicy(input);
	const { accessKeyId, secretAccessKey, sessionToken, expiration } = role.credentials;
	return async () => ({ accessKeyId, secretAccessKey, sessionToken, expiration });
}

/** The game's reads and writes with `credentials`; each result allowed or denied, and why. */
export function tryGameCalls(
	config: RuntimeConfig,
	credentials: CredentialSource,
	player: PlayerIdentity,
): Promise<GameCallResult[]> {
	return probeGameCalls(inspectorDataClients(config, credentials, callLog), player, callLog);
}
