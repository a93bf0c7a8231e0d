import { afterEach, describe, expect, it } from 'vitest';
import { credentialPath, pathFromFacts } from '../../../src/lib/session/credential-path.svelte';

describe('the credential path the identity strip names', () => {
	afterEach(() => credentialPath.reset());

	it.each([
		[{}, 'direct'],
		[{ provider: { id: 'fedplay-id' } }, 'direct'],
		[{ provider: { identityPoolId: 'us-east-1:0b6d', flow: 'enhanced' } }, 'cognito'],
		[{ provider: { identityPoolId: 'us-east-1:0b6d' } }, 'cognito'],
		[{ provider: { identityPoolId: 'us-east-1:0b6d', flow: 'basic' } }, 'cognito-basic'],
		[{ pool: { identityId: 'us-east-1:1', guest: true, flow: 'enhanced' } }, 'guest'],
		[{ pool: { identityId: 'us-east-1:1', guest: false, flow: 'basic' } }, 'cognito-basic'],
		[{ pool: { identityId: 'us-east-1:1', guest: false, flow: 'enhanced' } }, 'cognito'],
		[{ pool: { identityId: null, guest: false, flow: null } }, 'direct'],
		[{ provider: { id: 'amazon', providerId: 'www.amazon.com' } }, 'oauth'],
	] as const)('tells %j from the session facts as %s', (facts, path) => {
		expect(pathFromFacts(facts)).toBe(path);
	});

	it('takes the path a sign-in flow told over the facts, until reset', () => {
		credentialPath.tell('guest');
		expect(credentialPath.of({ provider: { identityPoolId: 'x:1' } })).toEqual({
			id: 'guest',
			label: 'Cognito guest',
		});
		credentialPath.reset();
		expect(credentialPath.of({}).label).toBe('Direct to STS');
	});
});
