import { describe, expect, it } from 'vitest';
import { playerIdentityOf, sendsAs } from '../../../src/lib/config/data-layout';
import type { IdentityPoolConfig, RuntimeConfig } from '../../../src/lib/config/schema';
import {
	isIdentityPool,
	rememberedAs,
	rememberedProvider,
	signInProviders,
} from '../../../src/lib/session/cognito';

const direct = {
	id: 'fedplay-id',
	displayName: 'Fedplay ID',
	issuer: 'http://localhost:4000',
	clientId: 'fedplay-web',
	scopes: 'openid',
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
	dataSegment: 'oidc1',
};
const pool: IdentityPoolConfig = {
	...direct,
	id: 'fedplay-id-pool',
	dataSegment: 'cognito',
	identityPoolId: 'us-east-1:c14d5c9a-d884-8c7e-9cd5-2e61be0cd0f9',
	flow: 'enhanced',
	loginsKey: 'localhost:4000',
	allowGuests: true,
};
const config = {
	region: 'us-east-1',
	bucket: 'fedplay-game-data',
	table: 'GameScores',
	durationSeconds: 900,
	refreshThresholdSeconds: 300,
	providers: [direct],
	identityPools: [pool],
} as RuntimeConfig;

describe('identity pool sessions', () => {
	it('tells a pool entry from a direct provider', () => {
		expect(isIdentityPool(pool)).toBe(true);
		expect(isIdentityPool(direct)).toBe(false);
		expect(isIdentityPool(null)).toBe(false);
		expect(signInProviders(config).map((p) => p.id)).toEqual(['fedplay-id', 'fedplay-id-pool']);
	});

	it('remembers a guest session apart from a player’s, and finds both again', () => {
		expect(rememberedAs(pool, 'guest')).toBe('fedplay-id-pool#guest');
		expect(rememberedProvider(config, 'fedplay-id-pool#guest')).toEqual({
			provider: pool,
			mode: 'guest',
		});
		expect(rememberedProvider(config, 'fedplay-id-pool')).toEqual({
			provider: pool,
			mode: 'player',
		});
		expect(rememberedProvider(config, 'fedplay-id')).toEqual({ provider: direct, mode: 'player' });
	});

	it('forgets what the config no longer allows: a guest of a pool without guests, a direct "guest"', () => {
		const noGuests = {
			...config,
			identityPools: [{ ...pool, allowGuests: false }],
		} as RuntimeConfig;
		expect(rememberedProvider(noGuests, 'fedplay-id-pool#guest')).toBeNull();
		expect(rememberedProvider(config, 'fedplay-id#guest')).toBeNull();
		expect(rememberedProvider(config, 'gone')).toBeNull();
		expect(rememberedProvider(config, null)).toBeNull();
	});
});

describe('whose data an identity pool session reaches', () => {
	const G = 'us-east-1:00000000-0000-0000-0000-00000000000a';
	const P = 'us-east-1:00000000-0000-0000-0000-00000000000b';

	it('the identity id, not the ID token’s sub', () => {
		expect(playerIdentityOf('cognito', { sub: 'alice', identityId: P })).toEqual({
			segment: 'cognito',
			id: P,
		});
		expect(playerIdentityOf('oidc1', { sub: 'alice' })).toEqual({ segment: 'oidc1', id: 'alice' });
		expect(playerIdentityOf('cognito', { sub: G, identityId: G, guest: true })).toEqual({
			segment: 'cognito',
			id: G,
			guest: true,
		});
	});

	it('sends a write as its owner, or as the player a guest was carried into — never anyone else', () => {
		const player = playerIdentityOf('cognito', { sub: 'bob', identityId: P }, [G]);
		expect(sendsAs({ segment: 'cognito', id: G }, player)).toBe(true);
		expect(sendsAs({ segment: 'cognito', id: P }, player)).toBe(true);
		expect(sendsAs({ segment: 'cognito', id: 'us-east-1:other' }, player)).toBe(false);
		expect(sendsAs({ segment: 'oidc1', id: G }, player)).toBe(false);
		expect(sendsAs({ segment: 'cognito', id: G }, { segment: 'cognito', id: P })).toBe(false);
	});
});
