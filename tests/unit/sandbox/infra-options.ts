import type { InfraOptions } from '../../../sandbox/infra';

/** The sandbox values the unit tests load the production template with. */
export const INFRA_OPTIONS: InfraOptions = {
	accountId: '123456789012',
	region: 'us-east-1',
	providers: [
		{ url: 'http://localhost:4000', clientId: 'fedplay-web' },
		{ url: 'http://localhost:4001', clientId: 'fedplay-web' },
	],
	bucketName: 'fedplay-game-data',
	tableName: 'GameScores',
};
