import { describe, expect, it } from 'vitest';
import { expiryMessage, expiryPhase } from '../../../src/lib/session/expiry';

const NOW = 1_000_000_000;
const MIN = 60_000;
const WARN = 5 * MIN;

describe('expiryPhase', () => {
	it.each([
		{ left: 10 * MIN, phase: 'none' },
		{ left: 5 * MIN + 1, phase: 'none' },
		{ left: 5 * MIN, phase: 'soon' },
		{ left: MIN + 1, phase: 'soon' },
		// The credential provider no longer hands out credentials with a minute or less left.
		{ left: MIN, phase: 'expired' },
		{ left: 0, phase: 'expired' },
		{ left: -10 * MIN, phase: 'expired' },
	])('with $left ms left says $phase for a session that is not renewed', ({ left, phase }) => {
		expect(
			expiryPhase({ renewsWithoutPlayer: false, expiration: NOW + left, now: NOW, warnMs: WARN }),
		).toBe(phase);
	});

	it('says nothing for a session that renews itself (OpenID Connect), however little is left', () => {
		expect(
			expiryPhase({ renewsWithoutPlayer: true, expiration: NOW - MIN, now: NOW, warnMs: WARN }),
		).toBe('none');
	});

	it('says nothing while no credentials are held', () => {
		expect(
			expiryPhase({ renewsWithoutPlayer: false, expiration: null, now: NOW, warnMs: WARN }),
		).toBe('none');
	});
});

describe('expiryMessage', () => {
	it('says when the session ends and why it cannot renew', () => {
		const text = expiryMessage('soon', 'Login with Amazon', 4 * 60 + 10);
		expect(text).toContain('ends in about 5 minutes');
		expect(text).toContain('gives no refresh token');
	});

	it('says a minute, not "1 minutes"', () => {
		expect(expiryMessage('soon', 'Login with Amazon', 30)).toContain('in about a minute');
	});

	it('tells the player their runs wait once the session has ended', () => {
		expect(expiryMessage('expired', 'Login with Amazon', 0)).toContain(
			'wait on this device and are sent once you sign in again',
		);
		expect(expiryMessage('none', 'Login with Amazon', 600)).toBe('');
	});
});
