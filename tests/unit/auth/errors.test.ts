import { ErrorResponse, ErrorTimeout } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { toSignInError } from '../../../src/lib/auth/errors';
import { AppError } from '../../../src/lib/errors';

const oidcError = (error: string, description?: string) =>
	new ErrorResponse({ error, error_description: description ?? null });

describe('toSignInError', () => {
	it.each([
		[
			'login cancelled at the provider',
			oidcError('access_denied', 'End-User aborted interaction'),
			'callback',
			'login-cancelled',
			'Sign-in cancelled',
		],
		[
			'an unknown state',
			new Error('No matching state found in storage'),
			'callback',
			'state-mismatch',
			'This sign-in could not be matched',
		],
		[
			'a callback without state',
			new Error('No state in response'),
			'callback',
			'state-mismatch',
			'This sign-in could not be matched',
		],
		[
			'discovery failing before the redirect',
			new TypeError('Failed to fetch'),
			'redirect',
			'provider-unreachable',
			'Fedplay ID is unreachable',
		],
		[
			'metadata answering 404',
			new Error('Not Found (404)'),
			'redirect',
			'provider-unreachable',
			'Fedplay ID is unreachable',
		],
		[
			'the token endpoint unreachable',
			new TypeError('Failed to fetch'),
			'callback',
			'provider-unreachable',
			'Fedplay ID is unreachable',
		],
		[
			'a network timeout',
			new ErrorTimeout('Network timed out'),
			'callback',
			'provider-unreachable',
			'Fedplay ID is unreachable',
		],
		[
			'another OIDC error',
			oidcError('invalid_grant', 'grant request is invalid'),
			'callback',
			'login-failed',
			'Sign-in failed',
		],
		[
			'a validation failure',
			new Error('Invalid issuer in token'),
			'callback',
			'login-failed',
			'Sign-in failed',
		],
	] as const)('maps %s', (_what, err, phase, code, title) => {
		const error = toSignInError(err, phase, 'Fedplay ID');
		expect(error.code).toBe(code);
		expect(error.details.title).toBe(title);
		expect(error.details.hint).toBeTruthy();
	});

	it('keeps the OIDC error and description', () => {
		const error = toSignInError(oidcError('invalid_grant', 'grant request is invalid'), 'callback');
		expect(error.details).toMatchObject({
			upstreamCode: 'invalid_grant',
			upstreamMessage: 'grant request is invalid',
		});
		expect(error.message).toContain('invalid_grant — grant request is invalid');
	});

	it('passes an AppError through', () => {
		const original = new AppError('unknown', 'x');
		expect(toSignInError(original, 'callback')).toBe(original);
	});
});
