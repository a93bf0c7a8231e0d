import { describe, expect, it } from 'vitest';
import { CallLog, type CallLogEntry } from '../../../src/lib/aws/call-log';
import { identityTokenOf, sanitizeForLog } from '../../../src/lib/aws/sanitize';
import { explainAwsError } from '../../../src/lib/inspector/explain-error';
import { buildFlow } from '../../../src/lib/inspector/flow';
import { oauth2Facts } from '../../../src/lib/inspector/oauth2-facts';
import { requestContextOf } from '../../../src/lib/inspector/request-context';
import { sessionFacts, sessionIdentity } from '../../../src/lib/inspector/session-facts';
import { s3Request } from './recorded';
import { config } from './session-config';

/* The inspector on the OAuth 2.0 path: an access token with ProviderId www.amazon.com. */

const ROLE = 'arn:aws:iam::123456789012:role/fedplay-player-amazon';
const ACCESS_TOKEN = 'Atza|IwEBIExampleOpaqueAccessTokenForTheSandboxOnly0123456789abcdef';
const USER_ID = 'amzn1.account.AEXAMPLEALICE';
const ARN = `arn:aws:sts::123456789012:assumed-role/fedplay-player-amazon/fedplay-${USER_ID}`;
const AMAZON = {
	id: 'amazon',
	displayName: 'Login with Amazon',
	type: 'oauth2' as const,
	providerId: 'www.amazon.com' as const,
	authorizationEndpoint: 'http://localhost:4002/ap/oa',
	tokenEndpoint: 'http://localhost:4002/auth/o2/token',
	profileEndpoint: 'http://localhost:4002/user/profile',
	clientId: 'amzn1.application-oa2-client.0123',
	appId: 'amzn1.application.0123',
	scopes: 'profile',
	roleArn: ROLE,
	dataSegment: 'amazon',
};

function entry(partial: Partial<CallLogEntry> & Pick<CallLogEntry, 'service' | 'operation'>) {
	return {
		status: 200,
		ok: true,
		durationMs: 5,
		requestId: 'r',
		time: '2026-01-01T00:00:00.000Z',
		attempts: 1,
		retried: false,
		attemptStatuses: [200],
		request: null,
		response: null,
		...partial,
	};
}

function assume(error?: { code: string; message: string; status: number }): CallLogEntry {
	const input = {
		RoleArn: ROLE,
		RoleSessionName: `fedplay-${USER_ID}`,
		WebIdentityToken: ACCESS_TOKEN,
		ProviderId: 'www.amazon.com',
	};
	const log = new CallLog();
	log.add(
		entry({
			service: 'STS',
			operation: 'AssumeRoleWithWebIdentity',
			input: sanitizeForLog(input),
			...(identityTokenOf(input) ? { identityToken: identityTokenOf(input)! } : {}),
			...(error
				? {
						ok: false,
						status: error.status,
						error: { category: 'provider-error', ...error },
					}
				: {
						output: sanitizeForLog({
							Credentials: {
								AccessKeyId: 'ASIAAMAZON',
								SecretAccessKey: 'secret',
								SessionToken: 'session',
								Expiration: new Date('2030-01-01T00:00:00Z'),
							},
							AssumedRoleUser: { Arn: ARN, AssumedRoleId: `AROAAMAZON:fedplay-${USER_ID}` },
							SubjectFromWebIdentityToken: USER_ID,
							Provider: 'www.amazon.com',
							Audience: AMAZON.clientId,
						}),
					}),
		}),
	);
	return log.entries()[0]!;
}

describe('the flow of an OAuth 2.0 session', () => {
	it('draws the access-token sign-in, STS asking the provider, and ProviderId on the call', () => {
		const steps = buildFlow([assume()], {
			identity: null,
			policies: { identity: [] },
			role: null,
		});
		expect(steps.map((s) => [s.kind, s.from, s.to, s.ok])).toEqual([
			['sign-in', 'provider', 'browser', true],
			['other', 'sts', 'provider', true],
			['assume-role', 'browser', 'sts', true],
		]);
		expect(steps[0]!.label).toBe('access token (code + PKCE)');
		expect(steps[2]!.label).toBe('AssumeRoleWithWebIdentity + ProviderId www.amazon.com');
		expect(steps[2]!.proves).toContain('www.amazon.com:app_id');
		expect(JSON.stringify(steps)).not.toContain(ACCESS_TOKEN);
	});

	it('shows the provider refusing the token, and no question asked for an unsupported ProviderId', () => {
		const rejected = buildFlow(
			[
				assume({
					code: 'IDPRejectedClaim',
					status: 403,
					message: 'www.amazon.com: www.amazon.com responded with HTTP/1.1 400 Bad Request',
				}),
			],
			{ identity: null, policies: { identity: [] }, role: null },
		);
		expect(rejected.map((s) => [s.from, s.to, s.ok])).toEqual([
			['provider', 'browser', true],
			['sts', 'provider', false],
			['browser', 'sts', false],
		]);
		const unsupported = buildFlow(
			[assume({ code: 'InvalidIdentityToken', status: 400, message: 'ProviderId …' })],
			{ identity: null, policies: { identity: [] }, role: null },
		);
		expect(unsupported.map((s) => [s.from, s.to])).toEqual([
			['provider', 'browser'],
			['browser', 'sts'],
		]);
	});
});

describe('the identity of an OAuth 2.0 session', () => {
	it('shows the provider, the user id and the app id from STS’s answer and the config', () => {
		const facts = sessionFacts([assume()]);
		expect(oauth2Facts(facts, AMAZON)).toEqual({
			providerId: 'www.amazon.com',
			userId: USER_ID,
			appId: 'amzn1.application.0123',
			clientId: AMAZON.clientId,
		});
		expect(oauth2Facts(facts, config.providers[0]!)).toBeNull();
	});

	it('rebuilds a request with www.amazon.com:user_id and :app_id, as AWS fills them', () => {
		const identity = sessionIdentity(sessionFacts([assume()]), config, 'amazon', AMAZON.appId);
		expect(identity).toMatchObject({ provider: 'www.amazon.com', sub: USER_ID, segment: 'amazon' });
		const [request] = requestContextOf(
			{
				service: 'S3',
				request: s3Request('GET', `/fedplay-game-data/players/amazon/${USER_ID}/profile.json`),
			},
			identity!,
		);
		expect(request?.context).toMatchObject({
			'www.amazon.com:user_id': USER_ID,
			'www.amazon.com:app_id': 'amzn1.application.0123',
			'aws:FederatedProvider': 'www.amazon.com',
		});
		expect(request?.context).not.toHaveProperty('www.amazon.com:sub');
	});
});

describe('explaining the ProviderId errors STS answers', () => {
	it.each([
		[
			'IDPRejectedClaim',
			'www.amazon.com: www.amazon.com responded with HTTP/1.1 400 Bad Request',
			'www.amazon.com said the access token is not valid (HTTP 400)',
		],
		[
			'InvalidIdentityToken',
			'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
			'an OAuth 2.0 access token (Login with Amazon) was sent without ProviderId',
		],
		[
			'InvalidIdentityToken',
			'ProviderId accounts.google.com is not an OAuth 2.0 identity provider that STS supports: use www.amazon.com or graph.facebook.com, without a URL scheme or port, and omit ProviderId for OpenID Connect ID tokens.',
			'The ProviderId sent with the access token is not one STS supports',
		],
	])('%s: %s', (name, message, summary) => {
		const explained = explainAwsError({ name, message, $metadata: { httpStatusCode: 400 } });
		expect(explained.code).toBe(name);
		expect(explained.summary).toContain(summary);
	});
});
