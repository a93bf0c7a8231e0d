/**
 * Set-up shared by the game-data suites: a sandbox on free ports, and the app's own data clients
 * (`createDataClients`) signed with credentials STS AssumeRoleWithWebIdentity issued for a test player.
 */
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createSandbox, sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { createDataClients, type GameData } from '../../src/lib/game/clients';
import type { PlayerIdentity } from '../../src/lib/config/data-layout';

export interface Player {
	name: string;
	/** SubjectFromWebIdentityToken: the `sub` the role's policy keys everything on. */
	sub: string;
	/** Whose data: the provider's segment (from the sandbox's runtime config) and the `sub`. */
	identity: PlayerIdentity;
	data: GameData;
}

export function startGameSandbox(): Promise<Sandbox> {
	return createSandbox({ idpPort: 0, idp2Port: 0, awsPort: 0, verbose: false });
}

/**
 * Signs `name` in at provider `provider` (0 or 1) and builds the app's clients with the credentials.
 * `claims` replaces claims of the ID token (a chosen `sub`), signed with the provider's own key.
 */
export async function signIn(
	sandbox: Sandbox,
	name: string,
	provider = 0,
	claims?: Record<string, unknown>,
): Promise<Player> {
	const sts = new STSClient({ region: sandbox.config.region, endpoint: sandbox.awsEndpoint });
	try {
		const answer = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: sandbox.roleArns[provider],
				RoleSessionName: `fedplay-${name}`,
				WebIdentityToken: await sandbox.idps[provider]!.issueIdToken(
					name,
					claims ? { overrides: claims } : {},
				),
			}),
		);
		const c = answer.Credentials!;
		const credentials = {
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
			expiration: c.Expiration!,
		};
		const config = sandboxRuntimeConfig(sandbox);
		const data = createDataClients({
			config,
			credentials: async () => credentials,
			maxAttempts: 1,
		});
		const sub = answer.SubjectFromWebIdentityToken!;
		const identity = { segment: config.providers[provider]!.dataSegment, id: sub };
		return { name, sub, identity, data };
	} finally {
		sts.destroy();
	}
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
	try {
		await promise;
	} catch (error) {
		return error as Record<string, unknown>;
	}
	throw new Error('expected the call to fail, it succeeded');
}
