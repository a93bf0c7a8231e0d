/** The runtime config of a session at the sandbox's first provider, as the inspector reads it. */
import { ENDPOINT } from './recorded';

export const ROLE = 'arn:aws:iam::123456789012:role/fedplay-player';

export const config = {
	accountId: '123456789012',
	region: 'us-east-1',
	endpoint: ENDPOINT,
	bucket: 'fedplay-game-data',
	table: 'GameScores',
	providers: [
		{
			id: 'fedplay-id',
			displayName: 'Fedplay ID',
			issuer: 'http://localhost:4000',
			clientId: 'fedplay-web',
			scopes: 'openid',
			roleArn: ROLE,
			dataSegment: 'oidc1',
		},
	],
};
