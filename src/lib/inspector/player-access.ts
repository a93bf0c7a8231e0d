import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { RuntimeConfig } from '../config/schema';
import { appClock, credentialProvider } from '../federation/runtime';
import { createDataClients, type GameData } from '../game/clients';
import type { CallLog } from './call-log';
import { attachInspector, type InspectableClient } from './call-log-middleware';
import type { DecodingClient } from './decode-message';

/**
 * The inspector's own AWS clients, signed with the player's temporary credentials and logged like every
 * other call: the STS client that decodes authorization messages, and the game's data clients for the
 * demo and the playground. By default they sign with the app's shared credential provider, so a refresh
 * is picked up; the playground passes its own scoped-down credentials.
 */

export type CredentialSource = () => Promise<AwsCredentialIdentity>;

/** The app's one shared credential provider (src/lib/federation/runtime.ts): refreshed, never a copy. */
export function appCredentials(): CredentialSource {
	return credentialProvider();
}

type ClientConfig = Pick<RuntimeConfig, 'region' | 'endpoint' | 'bucket' | 'table'>;

/** An STS client for sts:DecodeAuthorizationMessage, signed with `credentials`, its calls logged. */
export function decodingClient(
	config: ClientConfig,
	credentials: CredentialSource,
	log: CallLog,
): DecodingClient {
	const client = new STSClient({
		region: config.region,
		...(config.endpoint ? { endpoint: config.endpoint } : {}),
		credentials,
		maxAttempts: 1,
	});
	attachInspector(client as unknown as InspectableClient, log);
	return client;
}

/** The game's S3 and DynamoDB clients with `credentials`, one attempt per call (a denial is not retried). */
export function inspectorDataClients(
	config: ClientConfig,
	credentials: CredentialSource,
	log: CallLog,
): GameData {
	return createDataClients({
		config,
		credentials,
		callLog: log,
		clock: appClock(),
		maxAttempts: 1,
	});
}
