import { describe, expect, it } from 'vitest';
import { CallLog, type CallLogEntry } from '../../../src/lib/aws/call-log';
import { identityTokenOf, sanitizeForLog } from '../../../src/lib/aws/sanitize';
import { buildFlow } from '../../../src/lib/inspector/flow';
import { sessionFacts } from '../../../src/lib/inspector/session-facts';

/* The flow and the identity facts of a tagged session that took the tournament role (issue 16). */

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = {
	iss: 'http://localhost:4000',
	sub: 'carol',
	aud: 'fedplay-web',
	'https://aws.amazon.com/tags': {
		principal_tags: { team: ['blue'], role: ['organizer'] },
		transitive_tag_keys: ['team'],
	},
	'https://aws.amazon.com/source_identity': 'carol@fedplay-id.example',
};
const ID_TOKEN = `${b64({ alg: 'RS256' })}.${b64(claims)}.${'s'.repeat(40)}`;
const PLAYER = 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-carol';
const TOURNAMENT = 'arn:aws:iam::123456789012:role/fedplay-tournament';
const CHAINED = 'arn:aws:sts::123456789012:assumed-role/fedplay-tournament/tournament-carol';

const entry = (partial: Partial<CallLogEntry> & Pick<CallLogEntry, 'service' | 'operation'>) => ({
	status: 200,
	ok: true,
	durationMs: 5,
	requestId: 'r',
	time: '2026-12-02T09:00:00.000Z',
	attempts: 1,
	retried: false,
	attemptStatuses: [200],
	request: null,
	response: null,
	...partial,
});

const credentials = (id: string) => ({
	AccessKeyId: id,
	SecretAccessKey: 'secret',
	SessionToken: 'token',
	Expiration: new Date('2030-01-01T00:00:00Z'),
});

const signedBy = (key: string, path: string) => ({
	method: 'PUT',
	url: `http://localhost:4566${path}`,
	headers: {
		authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261202/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ab…cd`,
	},
	body: null,
});

function carolsSession(): CallLogEntry[] {
	const log = new CallLog();
	log.add(
		entry({
			service: 'STS',
			operation: 'AssumeRoleWithWebIdentity',
			input: sanitizeForLog({
				RoleArn: 'r',
				RoleSessionName: 'fedplay-carol',
				WebIdentityToken: ID_TOKEN,
			}),
			output: sanitizeForLog({
				Credentials: credentials('ASIAPLAYER0000000001'),
				AssumedRoleUser: { Arn: PLAYER, AssumedRoleId: 'AROA:fedplay-carol' },
				SubjectFromWebIdentityToken: 'carol',
				SourceIdentity: 'carol@fedplay-id.example',
			}),
			identityToken: identityTokenOf({ WebIdentityToken: ID_TOKEN }),
		}),
	);
	log.add(
		entry({
			service: 'STS',
			operation: 'AssumeRole',
			input: { RoleArn: TOURNAMENT, RoleSessionName: 'tournament-carol', DurationSeconds: 900 },
			output: sanitizeForLog({
				Credentials: credentials('ASIACHAINED000000001'),
				AssumedRoleUser: { Arn: CHAINED, AssumedRoleId: 'AROB:tournament-carol' },
				SourceIdentity: 'carol@fedplay-id.example',
			}),
		}),
	);
	log.add(
		entry({
			service: 'S3',
			operation: 'PutObject',
			input: { Bucket: 'fedplay-game-data', Key: 'tournament/results.json' },
			request: signedBy('ASIACHAINED000000001', '/fedplay-game-data/tournament/results.json'),
		}),
	);
	return [...log.entries()];
}

describe('a tagged session that chains', () => {
	const steps = buildFlow(carolsSession(), {
		identity: null,
		policies: { identity: [] },
		role: null,
	});

	it('writes the tags and source identity on the web identity step', () => {
		const assume = steps.find((s) => s.kind === 'assume-role')!;
		expect(assume.label).toBe('AssumeRoleWithWebIdentity + tags');
		expect(assume.facts).toEqual([
			{ label: 'Session tags', value: 'team=blue (transitive), role=organizer' },
			{ label: 'Source identity', value: 'carol@fedplay-id.example' },
		]);
	});

	it('draws the chained AssumeRole linked to its parent, and its calls as the chained role', () => {
		const chain = steps.find((s) => s.kind === 'chain')!;
		expect(chain.label).toBe('AssumeRole fedplay-tournament (chained, SigV4)');
		expect(chain.parentStepId).toBe(steps.find((s) => s.kind === 'assume-role')!.id);
		expect(chain.facts).toContainEqual({ label: 'Parent session', value: PLAYER });
		expect(chain.facts).toContainEqual({ label: 'DurationSeconds', value: '900' });
		const put = steps.at(-1)!;
		expect(put.label).toBe('PutObject tournament/results.json (as fedplay-tournament)');
		expect(put.proves).toContain('chained fedplay-tournament session');
	});

	it('gives the identity view the tags, source identity and the chain', () => {
		const facts = sessionFacts(carolsSession())!;
		expect(facts.sourceIdentity).toBe('carol@fedplay-id.example');
		expect(facts.sessionTags).toEqual({
			tags: { team: 'blue', role: 'organizer' },
			transitiveTagKeys: ['team'],
		});
		expect(facts.chained).toMatchObject({
			roleArn: TOURNAMENT,
			assumedRoleArn: CHAINED,
			parentArn: PLAYER,
			durationSeconds: 900,
			sourceIdentity: 'carol@fedplay-id.example',
		});
	});
});
