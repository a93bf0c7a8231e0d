import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../../src/lib/config/schema';
import { decodeJwt } from '../../../src/lib/aws/jwt';
import { factsFromCredentials } from '../../../src/lib/inspector/restored-facts';

const provider: ProviderConfig = {
	id: 'fedplay-id',
	displayName: 'Fedplay ID',
	issuer: 'http://localhost:4000',
	clientId: 'fedplay-web',
	scopes: 'openid profile',
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
	dataSegment: 'oidc1',
};

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const idToken = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ sub: 'alice', aud: 'fedplay-web', exp: 2_000_000_000 })}.c2lnbmF0dXJl`;

/** The credentials in use, as the credential provider holds them (secrets included, to prove none leak). */
const stored = {
	sourceKey: `fedplay-id|${provider.roleArn}`,
	providerId: 'fedplay-id',
	roleArn: provider.roleArn,
	accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
	secretAccessKey: 'secret-that-must-not-appear',
	sessionToken: 'token-that-must-not-appear',
	expiration: Date.parse('2030-01-01T00:00:00Z'),
	assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
	assumedRoleId: 'AROAEXAMPLE:fedplay-alice',
	subject: 'alice',
	issuer: 'http://localhost:4000',
	obtainedAt: Date.parse('2029-12-31T23:00:00Z'),
};

describe('the inspector after a reload', () => {
	it('shows the session from the credentials in use and the stored ID token’s claims', () => {
		const facts = factsFromCredentials(provider, stored, decodeJwt(idToken));
		expect(facts).toMatchObject({
			roleArn: provider.roleArn,
			roleSessionName: 'fedplay-alice',
			assumedRoleArn: stored.assumedRoleArn,
			assumedRoleId: 'AROAEXAMPLE:fedplay-alice',
			subjectFromWebIdentityToken: 'alice',
			audience: 'fedplay-web',
			provider: 'http://localhost:4000',
			accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
			expiration: '2030-01-01T00:00:00.000Z',
			assumeCount: 0,
			identityToken: { header: { alg: 'RS256', kid: 'k1' }, claims: { sub: 'alice' } },
		});
	});

	it('keeps neither the secret key, the session token nor the ID token itself', () => {
		const text = JSON.stringify(factsFromCredentials(provider, stored, decodeJwt(idToken)));
		expect(text).not.toContain('secret-that-must-not-appear');
		expect(text).not.toContain('token-that-must-not-appear');
		expect(text).not.toContain(idToken);
		expect(text).not.toContain('c2lnbmF0dXJl');
	});

	it('shows as Audience what STS’s :aud saw: the token’s azp when set', () => {
		const claims = { sub: 'alice', azp: 'fedplay-web', aud: ['other-api', 'fedplay-web'] };
		const token = { header: { alg: 'RS256' }, claims };
		expect(factsFromCredentials(provider, stored, token).audience).toBe('fedplay-web');
		// aud names another client registered on the IAM provider (the browser does not know it).
		const other = { header: {}, claims: { sub: 'alice', azp: 'fedplay-web', aud: 'api-gateway' } };
		expect(factsFromCredentials(provider, stored, other).audience).toBe('fedplay-web');
	});

	it('falls back to the configured client id when no ID token is stored', () => {
		expect(factsFromCredentials(provider, stored, null)).toMatchObject({
			audience: 'fedplay-web',
			identityToken: null,
		});
	});
});
