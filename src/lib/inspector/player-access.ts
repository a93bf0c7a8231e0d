import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { credentialStore } from '../auth/credential-store';
import type { RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import { createDataClients, type GameData } from '../game/clients';
import type { CallLog } from './call-log';
import { attachInspector, type InspectableClient } from './call-log-middleware';
import type { DecodingClient } from './decode-message';

/**
 * The inspector's own AWS clients, signed with the player's temporary credentials and logged like every
 * other call: the STS client that decodes authorization messages, and the game's data clients for the
 * demo and the playground. Credentials come from the app's credential store at each signature, so a
 * refresh is picked up.
 */

export type CredentialSource = () => Promise<AwsCredentialIdentity>;

/** The player's current credentials for `providerId`, read from the credential store at each call. */
export function storedCredentials(providerId: string): CredentialSource {
	return async () => {
		const stored = await credentialStore().load(providerId);
		if (!stored) {
			throw new AppError('credentials-expired', 'No temporary credentials: sign in again.');
		}
		const { accessKeyId, secretAccessKey, sessionToken, expiration } = stored.credentials;
		return { accessKeyId, secretAccessKey, sessionToken, expiration };
	};
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
	return createDataClients({ config, credentials, callLog: log, maxAttempts: 1 });
}
