import { appCallLog } from '../aws/call-log';
import type { PlayerIdentity } from '../config/data-layout';
import type { RuntimeConfig } from '../config/schema';
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
	credentialsOf,
	decodingClient,
	inspectorDataClients,
	type PlayerCredentials,
} from './player-access';

/**
 * What the panel's buttons do, so the components stay free of SDK calls. Every call goes through the
 * app-wide call log, so it shows in the log, the explanations and the flow.
 */

/** sts:DecodeAuthorizationMessage with the player's current credentials. */
export function decodeForPlayer(
	config: RuntimeConfig,
	encoded: string,
): Promise<DecodedAuthorization | null> {
	return decodeAuthorizationMessage(decodingClient(config, appCredentials()), encoded);
}

/** The game's own read functions pointed at another player's data: denied, and logged. */
export function runDemoDenials(
	config: RuntimeConfig,
	player: PlayerIdentity,
): Promise<GameCallResult[]> {
	const data = inspectorDataClients(config, appCredentials());
	return runCalls(DENIED_DEMOS, data, player, appCallLog);
}

/** Re-assumes the role with `policy`; the answer signs with those (scoped) credentials. */
export async function assumeScoped(policy: string | null): Promise<PlayerCredentials> {
	return credentialsOf(await reassumeWithPolicy(policy));
}

/** The game's reads and writes with `credentials`; each result allowed or denied, and why. */
export function tryGameCalls(
	config: RuntimeConfig,
	credentials: PlayerCredentials,
	player: PlayerIdentity,
): Promise<GameCallResult[]> {
	return probeGameCalls(inspectorDataClients(config, credentials), player, appCallLog);
}
