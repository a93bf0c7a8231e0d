import type { SandboxConfig } from '../config';
import type { IdentityProviderOptions } from './index';

/**
 * Options for the sandbox's two providers: 'Fedplay ID' (`sub` = player name) on `idpPort` and
 * 'Arcade ID' (`sub` = `arcade-<player>`, so the same player is a different principal) on `idp2Port`.
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
		{ ...common, port: config.idp2Port, displayName: 'Arcade ID', subjectPrefix: 'arcade-' },
	];
}
