/**
 * error-text.ts is a chunk of its own, fetched when an error is shown (issue 18). When it cannot be fetched
 * (offline, a new deployment) the player still gets a clear line in AWS's own words, a sign-in failure keeps
 * what kind of failure it is (an expired sign-in still ends the session), and a later error tries again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

function awsError(name: string, message = `${name} message`) {
	return Object.assign(new Error(message), {
		name,
		$metadata: { httpStatusCode: 400, requestId: 'req-9' },
	});
}

/** errors.ts and federation/errors.ts, fresh, with error-text.ts failing to download as a chunk does. */
async function offline() {
	vi.resetModules();
	vi.doMock('../../../src/lib/aws/error-text', () => {
		throw new TypeError('Failed to fetch dynamically imported module: /assets/error-text.js');
	});
	const errors = await import('../../../src/lib/aws/errors');
	const federation = await import('../../../src/lib/federation/errors');
	return { ...errors, ...federation };
}

afterEach(() => {
	vi.doUnmock('../../../src/lib/aws/error-text');
	vi.resetModules();
});

describe('when the words of AWS errors cannot be downloaded', () => {
	it('describes a known code in AWS’s own words and says the explanation is missing', async () => {
		const { describeAwsError, NOT_EXPLAINED } = await offline();
		expect(await describeAwsError(awsError('ThrottlingException', 'Rate exceeded'))).toBe(
			`ThrottlingException: Rate exceeded (AWS’s words; ${NOT_EXPLAINED})`,
		);
		// Lines that need no words are unchanged.
		expect(await describeAwsError(new TypeError('Failed to fetch'))).toBe(
			'No answer: Failed to fetch',
		);
	});

	it('still classifies: retryable, expired credentials, clock skew', async () => {
		const { isRetryableAwsError, isExpiredCredentialsError, awsErrorFacts } = await offline();
		expect(isRetryableAwsError(awsError('ThrottlingException'))).toBe(true);
		expect(isExpiredCredentialsError(awsError('ExpiredToken'))).toBe(true);
		expect(
			awsErrorFacts(awsError('InvalidSignatureException', 'Signature expired: 2026…')).category,
		).toBe('clock-skew');
	});

	it.each([
		['ExpiredTokenException', 'x', 'session-expired'],
		['NotAuthorizedException', 'Invalid login token. Token expired: 1 >= 0', 'session-expired'],
		['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 'access-denied'],
		['InvalidIdentityToken', 'x', 'sts-error'],
	])('a sign-in refused with %s (AWS says %j) stays %s', async (code, message, appCode) => {
		const { toStsError, NOT_EXPLAINED } = await offline();
		const error = await toStsError(awsError(code, message));
		expect(error.code).toBe(appCode);
		expect(error.details).toMatchObject({
			title: 'AWS refused the request',
			hint: 'Check your connection, then try again.',
			upstreamCode: code,
			upstreamMessage: message,
			requestId: 'req-9',
		});
		expect(error.message).toBe(`AWS STS answered ${code}. ${NOT_EXPLAINED}`);
	});

	it('tries the download again for the next error', async () => {
		const { describeAwsError } = await offline();
		expect(await describeAwsError(awsError('NoSuchKey'))).toContain('could not be downloaded');
		vi.doUnmock('../../../src/lib/aws/error-text');
		expect(await describeAwsError(awsError('NoSuchKey'))).toBe(
			'NoSuchKey: There is no object at this key.',
		);
	});
});
