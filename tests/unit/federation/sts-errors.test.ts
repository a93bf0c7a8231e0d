import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors';
import { toStsError } from '../../../src/lib/federation/errors';

/** Shaped like an AWS SDK v3 ServiceException. */
function awsError(name: string, status: number, message = `${name} message`) {
	return Object.assign(new Error(message), {
		name,
		$fault: 'client',
		$metadata: { httpStatusCode: status, requestId: 'req-123' },
	});
}

describe('toStsError', () => {
	it.each([
		['InvalidIdentityToken', 400, 'sts-error', /did not accept your sign-in/],
		['ExpiredTokenException', 400, 'session-expired', /expired/],
		['IDPRejectedClaim', 403, 'sts-error', /rejected/],
		['IDPCommunicationError', 400, 'sts-error', /could not reach your identity provider/],
		['AccessDenied', 403, 'access-denied', /does not trust/],
		['MalformedPolicyDocument', 400, 'sts-error', /not valid/],
		['PackedPolicyTooLarge', 400, 'sts-error', /too large/],
		['RegionDisabledException', 403, 'sts-error', /not enabled in this region/],
		['ValidationError', 400, 'sts-error', /parameters/],
	])('explains %s (HTTP %i) as %s', async (name, status, code, title) => {
		const error = await toStsError(awsError(name, status));
		expect(error).toBeInstanceOf(AppError);
		expect(error.code).toBe(code);
		expect(error.details.title).toMatch(title);
		expect(error.message.length).toBeGreaterThan(20);
		expect(error.details.hint?.length).toBeGreaterThan(10);
		expect(error.details).toMatchObject({
			upstreamCode: name,
			upstreamMessage: `${name} message`,
			httpStatus: status,
			requestId: 'req-123',
		});
	});

	it('gives each documented code its own title', async () => {
		const codes = [
			'InvalidIdentityToken',
			'ExpiredTokenException',
			'IDPRejectedClaim',
			'IDPCommunicationError',
			'AccessDenied',
			'MalformedPolicyDocument',
			'PackedPolicyTooLarge',
			'RegionDisabledException',
			'ValidationError',
		];
		const errors = await Promise.all(codes.map((c) => toStsError(awsError(c, 400))));
		const titles = new Set(errors.map((e) => e.details.title));
		expect(titles.size).toBe(codes.length);
	});

	it.each([
		['a browser fetch failure', new TypeError('Failed to fetch')],
		[
			'a Node fetch failure',
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }),
		],
		['a Firefox network error', new TypeError('NetworkError when attempting to fetch resource.')],
	])('reports %s as network-down', async (_what, err) => {
		const error = await toStsError(err);
		expect(error.code).toBe('network-down');
		expect(error.details.title).toBe('AWS is unreachable');
	});

	it('keeps an unknown AWS code visible', async () => {
		const error = await toStsError(awsError('ThrottlingException', 400));
		expect(error.code).toBe('sts-error');
		expect(error.message).toContain('ThrottlingException');
	});

	it('does not treat inherited object keys as STS codes', async () => {
		expect((await toStsError(awsError('constructor', 400))).details.title).toBe(
			'AWS refused the request',
		);
	});

	it('passes an AppError through unchanged', async () => {
		const original = new AppError('unknown', 'x');
		expect(await toStsError(original)).toBe(original);
	});

	it.each([null, undefined, 'text', 42])('never throws, even for %j', async (value) => {
		await expect(toStsError(value)).resolves.toBeInstanceOf(AppError);
	});
});
