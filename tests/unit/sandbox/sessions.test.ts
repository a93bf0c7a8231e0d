import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../sandbox/clock';
import { parseRoleArn, roleIdFor, SessionStore } from '../../../sandbox/sessions';

const input = {
	roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
	roleSessionName: 'fedplay-alice',
	durationSeconds: 900,
	provider: 'localhost:4000',
	subject: 'alice',
	audience: 'fedplay-web',
	webIdentityContext: { 'localhost:4000:sub': 'alice' },
};

describe('SessionStore', () => {
	it('issues AWS-shaped credentials for the assumed role', () => {
		const session = new SessionStore(new SandboxClock()).issue(input);
		expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(session.secretAccessKey).toHaveLength(40);
		expect(session.sessionToken).toMatch(/^[A-Za-z0-9+/=]{600,}$/);
		expect(session.assumedRoleArn).toBe(
			'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
		);
		expect(session.assumedRoleId).toBe(`${roleIdFor(input.roleArn)}:fedplay-alice`);
		expect(session.expiration - session.createdAt).toBe(900_000);
		expect(session.createdAt % 1000).toBe(0);
	});

	it('finds credentials by access key id, and only those', () => {
		const store = new SessionStore(new SandboxClock());
		const a = store.issue(input);
		const b = store.issue(input);
		expect(store.findByAccessKeyId(a.accessKeyId)).toBe(a);
		expect(store.findByAccessKeyId(b.accessKeyId)?.sessionToken).not.toBe(a.sessionToken);
		expect(store.findByAccessKeyId('ASIAAAAAAAAAAAAAAAAA')).toBeUndefined();
	});

	it('expires credentials by the sandbox clock', () => {
		const clock = new SandboxClock();
		const store = new SessionStore(clock);
		const session = store.issue(input);
		expect(store.isExpired(session)).toBe(false);
		clock.advance(900_000);
		expect(store.isExpired(session)).toBe(true);
	});
});

describe('parseRoleArn', () => {
	it.each([
		[
			'arn:aws:iam::123456789012:role/fedplay-player',
			{ accountId: '123456789012', roleName: 'fedplay-player' },
		],
		[
			'arn:aws:iam::123456789012:role/game/fedplay-player',
			{ accountId: '123456789012', roleName: 'fedplay-player' },
		],
		['arn:aws:iam::123456789012:user/alice', null],
		['arn:aws:iam::1234:role/x', null],
	])('%s', (arn, expected) => {
		expect(parseRoleArn(arn)).toEqual(expected);
	});
});

describe('SandboxClock', () => {
	it('follows real time shifted by its offset', () => {
		const clock = new SandboxClock();
		clock.set(60_000);
		clock.advance(1_000);
		expect(clock.offsetMs).toBe(61_000);
		// Tolerance for the time between the two reads, not a speed check.
		expect(Math.abs(clock.now() - Date.now() - 61_000)).toBeLessThan(1_000);
		clock.reset();
		expect(clock.offsetMs).toBe(0);
	});
});
