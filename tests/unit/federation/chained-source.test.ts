import { describe, expect, it } from 'vitest';
import type { AssumeRoleInput, AssumeRoleOutput } from '../../../src/lib/aws/sts';
import {
	chainedSessionName,
	chainedSourceKey,
	chainPlan,
	createChainedRoleSource,
	type ParentSession,
} from '../../../src/lib/federation/chained-source';
import type { CredentialsMetadata } from '../../../src/lib/vault/types';

const ROLE = 'arn:aws:iam::123456789012:role/fedplay-tournament';
const PARENT_ARN = 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-carol';
const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);
const MIN = 60_000;

describe('chainPlan: min(3600 s, the parent’s remaining), never below 900 s', () => {
	it.each([
		['2 hours', 120 * MIN, false, 3600],
		['exactly an hour', 60 * MIN, false, 3600],
		['50 minutes', 50 * MIN, false, 3000],
		['20 minutes and a half', 20.5 * MIN, false, 1230],
		['exactly 15 minutes', 15 * MIN, false, 900],
		['15 minutes less a second', 15 * MIN - 1000, true, 900],
		['14 minutes', 14 * MIN, true, 900],
		['nothing left', 0, true, 900],
		['already expired', -5 * MIN, true, 900],
	])('%s left on the parent', (_, remaining, refresh, seconds) => {
		expect(chainPlan(remaining)).toEqual({
			refreshParentFirst: refresh,
			durationSeconds: seconds,
		});
	});

	it('rounds the remaining lifetime down: the chain never asks for more than the parent has', () => {
		expect(chainPlan(1799_999).durationSeconds).toBe(1799);
	});
});

describe('chainedSessionName and chainedSourceKey', () => {
	it('labels the chained session after the parent’s', () => {
		expect(chainedSessionName(PARENT_ARN)).toBe('tournament-carol');
		expect(chainedSessionName('arn:aws:sts::1:assumed-role/r/x y')).toBe('tournament-x_y');
	});

	it('keeps the chain’s credentials under their own key, never the parent’s', () => {
		expect(chainedSourceKey('fedplay-id|arn:p', ROLE)).not.toBe('fedplay-id|arn:p');
		expect(chainedSourceKey('fedplay-id|arn:p', ROLE)).toContain(ROLE);
	});
});

interface Harness {
	events: string[];
	requests: AssumeRoleInput[];
	parent: ParentSession;
}

/** A parent session whose credentials have `remainingMs` left; a refresh gives `refreshedMs`. */
function harness(remainingMs: number, refreshedMs = 15 * MIN): Harness {
	const events: string[] = [];
	const requests: AssumeRoleInput[] = [];
	let held: CredentialsMetadata = {
		sourceKey: 'fedplay-id|player',
		providerId: 'fedplay-id',
		roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
		accessKeyId: 'ASIAPARENT1',
		expiration: NOW + remainingMs,
		assumedRoleArn: PARENT_ARN,
		assumedRoleId: 'AROAPARENT:fedplay-carol',
		subject: 'carol',
		issuer: 'http://localhost:4000',
		obtainedAt: NOW,
		sourceIdentity: 'carol@fedplay-id.example',
		tags: { team: 'blue', role: 'organizer' },
		transitiveTagKeys: ['team'],
	};
	const parent: ParentSession = {
		key: held.sourceKey,
		credentials: async () => {
			events.push(`sign with ${held.accessKeyId}`);
			return { accessKeyId: held.accessKeyId, secretAccessKey: 's', sessionToken: 't' };
		},
		current: () => held,
		refreshNow: async () => {
			events.push('refresh parent');
			held = { ...held, accessKeyId: 'ASIAPARENT2', expiration: NOW + refreshedMs };
		},
	};
	return { events, requests, parent };
}

function answer(seconds: number): AssumeRoleOutput {
	return {
		Credentials: {
			AccessKeyId: 'ASIACHAIN',
			SecretAccessKey: 'secret',
			SessionToken: 'token',
			Expiration: new Date(NOW + seconds * 1000),
		},
		AssumedRoleUser: {
			Arn: 'arn:aws:sts::123456789012:assumed-role/fedplay-tournament/tournament-carol',
			AssumedRoleId: 'AROACHAIN:tournament-carol',
		},
		SourceIdentity: 'carol@fedplay-id.example',
		PackedPolicySize: 3,
	};
}

function sourceFor(h: Harness) {
	return createChainedRoleSource({
		parent: h.parent,
		roleArn: ROLE,
		now: () => NOW,
		assume: async (input, credentials) => {
			const signer = await credentials();
			h.events.push(`AssumeRole ${input.DurationSeconds} signed by ${signer.accessKeyId}`);
			h.requests.push(input);
			return answer(input.DurationSeconds ?? 3600);
		},
	});
}

describe('the chained role source', () => {
	it('asks for an hour when the parent has more, without refreshing it', async () => {
		const h = harness(120 * MIN);
		const record = await sourceFor(h).obtain(null);
		expect(h.events).toEqual([
			'sign with ASIAPARENT1',
			'sign with ASIAPARENT1',
			'AssumeRole 3600 signed by ASIAPARENT1',
		]);
		expect(h.requests[0]).toEqual({
			RoleArn: ROLE,
			RoleSessionName: 'tournament-carol',
			DurationSeconds: 3600,
		});
		expect(record.expiration).toBe(NOW + 3600_000);
	});

	it('asks for what the parent has left when that is between 15 and 60 minutes', async () => {
		const h = harness(40 * MIN);
		const record = await sourceFor(h).obtain(null);
		expect(h.requests[0]?.DurationSeconds).toBe(2400);
		expect(record.expiration).toBe(NOW + 40 * MIN);
	});

	it('refreshes the parent first when it has under 15 minutes left, then signs with the new one', async () => {
		const h = harness(10 * MIN, 50 * MIN);
		await sourceFor(h).obtain(null);
		expect(h.events).toEqual([
			'sign with ASIAPARENT1',
			'refresh parent',
			'sign with ASIAPARENT2',
			'AssumeRole 3000 signed by ASIAPARENT2',
		]);
	});

	it('never outlives the parent: a 900 s floor past a 15-minute parent is cut to the parent’s expiry', async () => {
		const h = harness(5 * MIN, 15 * MIN - 500);
		const record = await sourceFor(h).obtain(null);
		expect(h.requests[0]?.DurationSeconds).toBe(900);
		expect(record.expiration).toBe(NOW + 15 * MIN - 500);
	});

	it('records its own key, its parent, the carried source identity and only the transitive tags', async () => {
		const h = harness(120 * MIN);
		const source = sourceFor(h);
		const record = await source.obtain(null);
		expect(source.kind).toBe('chained');
		expect(record).toMatchObject({
			sourceKey: chainedSourceKey('fedplay-id|player', ROLE),
			parent: 'fedplay-id|player',
			roleArn: ROLE,
			sourceIdentity: 'carol@fedplay-id.example',
			tags: { team: 'blue' },
			transitiveTagKeys: ['team'],
			subject: 'carol',
			assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/fedplay-tournament/tournament-carol',
		});
	});

	it('explains STS’s refusal of a non-organizer in the error table’s words', async () => {
		const h = harness(120 * MIN);
		const source = createChainedRoleSource({
			parent: h.parent,
			roleArn: ROLE,
			now: () => NOW,
			assume: () =>
				Promise.reject(
					Object.assign(
						new Error(
							`User: ${PARENT_ARN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE} because no role trust policy allows the sts:AssumeRole action`,
						),
						{ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
					),
				),
		});
		await expect(source.obtain(null)).rejects.toMatchObject({
			code: 'access-denied',
			details: expect.objectContaining({
				title: 'Only organizers can take the tournament role',
				upstreamCode: 'AccessDenied',
			}),
		});
	});

	it('with no parent session, says so', async () => {
		const h = harness(120 * MIN);
		const source = sourceFor({ ...h, parent: { ...h.parent, current: () => null } });
		await expect(source.obtain(null)).rejects.toMatchObject({ code: 'credentials-expired' });
	});
});
