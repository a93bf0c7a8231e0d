import type { SandboxConfig } from '../config';
import type { IdentityProviderOptions } from './options';

/**
 * Options for the sandbox's two providers: 'Fedplay ID' (`sub` = player name) on `idpPort` and
 * 'Arcade ID' (`sub` = `arcade-<player>`, so the same player is a different principal, and no refresh
 * tokens) on `idp2Port`.
 */
export function sandboxIdentityProviderOptions(
	config: SandboxConfig,
	now: () => number,
): [IdentityProviderOptions, IdentityProviderOptions] {
	const common = {
		host: config.host,
		publicHost: config.publicHost,
		clientId: config.clientId,
		appOrigins: config.appOrigins,
		players: config.players,
		devEndpoints: config.devEndpoints,
		now,
	};
	return [
		{ ...common, port: config.idpPort, displayName: 'Fedplay ID' },
		// No refresh tokens: the app renews Arcade ID's tokens with the iframe (`prompt=none`).
		{
			...common,
			port: config.idp2Port,
			displayName: 'Arcade ID',
			subjectPrefix: 'arcade-',
			refreshTokens: false,
		},
	];
}
