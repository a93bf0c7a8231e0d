import { beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/config/load';
import type { OAuth2ProviderConfig, ProviderConfig } from '../../../src/lib/config/schema';
import { completeOAuth2SignIn, storedAccessToken } from '../../../src/lib/auth/oauth2';
import { loadOidc, loadUser, removeUser, storeUser } from '../../../src/lib/auth/oidc';
import { currentUser } from '../../../src/lib/auth/sign-in';
import { storedUser } from '../../../src/lib/auth/tokens';
import { VaultStateStore } from '../../../src/lib/vault/oidc-store';
import { freshVault } from '../vault/fresh-vault';

/*
 * The signed-in user, kept by the app itself since it runs oidc-client-ts's OidcClient instead of its
 * UserManager: under UserManager's key (`user:<authority>:<client_id>`) and in its format
 * (`User.toStorageString()`), so users stored before the change stay signed in, and a reload reads the user
 * without the library (tokens.ts).
 */

beforeEach(freshVault);

const parsed = parseConfig({
	region: 'us-east-1',
	bucket: 'fedplay-game-data',
	table: 'GameScores',
	providers: [
		{
			id: 'fedplay-id',
			displayName: 'Fedplay ID',
			issuer: 'http://localhost:4000',
			clientId: 'fedplay-web',
			scopes: 'openid profile email',
			roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
			dataSegment: 'oidc1',
		},
	],
	oauth2Providers: [
		{
			id: 'amazon',
			displayName: 'Login with Amazon',
			type: 'oauth2',
			providerId: 'www.amazon.com',
			authorizationEndpoint: 'https://www.amazon.com/ap/oa',
			tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
			profileEndpoint: 'https://api.amazon.com/user/profile',
			tokenInfoEndpoint: 'https://api.amazon.com/auth/o2/tokeninfo',
			clientId: 'amzn1.application-oa2-client.0123',
			appId: 'amzn1.application.0123',
			scopes: 'profile',
			roleArn: 'arn:aws:iam::123456789012:role/fedplay-player-amazon',
			dataSegment: 'amazon',
		},
	],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const fedplayId: ProviderConfig = parsed.config.providers[0]!;
const amazon: OAuth2ProviderConfig = parsed.config.oauth2Providers![0]!;
const BASE = 'http://localhost:5173/';
const KEY = 'user:http://localhost:4000:fedplay-web';

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function signedInUser(expiresIn = 3600) {
	const { User } = await loadOidc();
	return new User({
		id_token: 'eyJhbGciOiJSUzI1NiJ9.alice-id-token.sig',
		access_token: 'alice-access-token',
		refresh_token: 'alice-refresh-token',
		token_type: 'Bearer',
		scope: 'openid profile email',
		session_state: null,
		profile: { sub: 'alice', iss: 'http://localhost:4000', aud: 'fedplay-web', exp: 0, iat: 0 },
		expires_at: nowSeconds() + expiresIn,
		userState: { providerId: 'fedplay-id', returnTo: '' },
	});
}

describe('the user store', () => {
	it('keeps the signed-in user under UserManager’s key, read back with and without the library', async () => {
		await storeUser(fedplayId, await signedInUser());

		const raw = JSON.parse((await new VaultStateStore('user').get(KEY))!) as Record<
			string,
			unknown
		>;
		expect(raw).toMatchObject({
			id_token: 'eyJhbGciOiJSUzI1NiJ9.alice-id-token.sig',
			refresh_token: 'alice-refresh-token',
			profile: { sub: 'alice' },
		});
		// Without the library (a signed-in reload).
		await expect(storedUser(fedplayId)).resolves.toMatchObject({
			id_token: 'eyJhbGciOiJSUzI1NiJ9.alice-id-token.sig',
			profile: { sub: 'alice' },
		});
		// With it (a retry, a renewal).
		const user = await currentUser(fedplayId, BASE);
		expect(user?.refresh_token).toBe('alice-refresh-token');
		expect(user?.expired).toBe(false);
	});

	it('reads a user UserManager stored before the app kept it itself', async () => {
		const { User } = await loadOidc();
		const before = new User({
			id_token: 'old-id-token',
			access_token: 'old-access-token',
			token_type: 'Bearer',
			profile: { sub: 'bob', iss: 'http://localhost:4000', aud: 'fedplay-web', exp: 0, iat: 0 },
			expires_at: nowSeconds() + 600,
		});
		await new VaultStateStore('user').set(KEY, before.toStorageString());
		expect((await currentUser(fedplayId, BASE))?.id_token).toBe('old-id-token');
		expect((await storedUser(fedplayId))?.profile.sub).toBe('bob');
	});

	it('gives no current user once the access token has expired, or when what is stored is not a user', async () => {
		await storeUser(fedplayId, await signedInUser(-5));
		await expect(currentUser(fedplayId, BASE)).resolves.toBeNull();
		await expect(loadUser(fedplayId)).resolves.not.toBeNull();

		await new VaultStateStore('user').set(KEY, '{not json');
		await expect(loadUser(fedplayId)).resolves.toBeNull();
		await expect(storedUser(fedplayId)).resolves.toBeNull();
		await new VaultStateStore('user').set(KEY, 'null');
		await expect(loadUser(fedplayId)).resolves.toBeNull();
	});

	it('forgets the user on sign-out', async () => {
		await storeUser(fedplayId, await signedInUser());
		await removeUser(fedplayId);
		await expect(new VaultStateStore('user').get(KEY)).resolves.toBeNull();
		await expect(currentUser(fedplayId, BASE)).resolves.toBeNull();
	});
});

describe('the OAuth 2.0 user (Login with Amazon)', () => {
	it('is kept with its profile under the authorization endpoint’s origin, its access token read without the library', async () => {
		const { User } = await loadOidc();
		const user = new User({
			access_token: 'Atza|amazon-access-token',
			token_type: 'bearer',
			scope: 'profile',
			profile: {} as never,
			expires_at: nowSeconds() + 3600,
		});
		const fetcher = (async () =>
			new Response(JSON.stringify({ user_id: 'amzn1.account.ALICE', name: 'Alice' }), {
				headers: { 'Content-Type': 'application/json' },
			})) as typeof fetch;
		await completeOAuth2SignIn(amazon, user, BASE, fetcher);

		const raw = await new VaultStateStore('user').get(
			'user:https://www.amazon.com:amzn1.application-oa2-client.0123',
		);
		expect(JSON.parse(raw!)).toMatchObject({
			access_token: 'Atza|amazon-access-token',
			profile: { sub: 'amzn1.account.ALICE', iss: 'www.amazon.com', name: 'Alice' },
		});
		await expect(storedAccessToken(amazon, BASE, Date.now())).resolves.toBe(
			'Atza|amazon-access-token',
		);
		// Within a minute of its expiry: not handed to STS.
		await expect(storedAccessToken(amazon, BASE, Date.now() + 3590_000)).resolves.toBeNull();
		await removeUser(amazon);
		await expect(storedAccessToken(amazon, BASE, Date.now())).resolves.toBeNull();
	});
});
