import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '../../../src/lib/errors';
import type { RuntimeConfig } from '../../../src/lib/config/schema';

/*
 * The callback's early code exchange (boot.ts's finishSignIn, issue 18): it hands the flow completeSignIn's
 * own result or error, and a failed download of its module is the "could not load" error, not a raw one.
 */

const SIGN_IN = '../../../src/lib/auth/sign-in';
const config = { providers: [] } as unknown as RuntimeConfig;
const BASE = 'https://app.example/';
const HREF = `${BASE}callback?code=abc&state=xyz`;

async function bootWith(
	signIn: () => Record<string, unknown>,
): Promise<typeof import('../../../src/lib/session/boot')> {
	vi.resetModules();
	vi.doMock(SIGN_IN, signIn);
	return import('../../../src/lib/session/boot');
}

afterEach(() => {
	vi.doUnmock(SIGN_IN);
	vi.resetModules();
});

// Each case imports boot.ts (and the first bundle's modules under it) afresh: slow on a loaded machine.
describe('finishSignIn', { timeout: 30_000 }, () => {
	it('exchanges the code with the config, base and address the page opened with', async () => {
		const result = { provider: { id: 'p' }, user: { id_token: 't' }, returnTo: '' };
		const completeSignIn = vi.fn(() => Promise.resolve(result));
		const { finishSignIn } = await bootWith(() => ({ completeSignIn }));
		await expect(finishSignIn(config, BASE, HREF)).resolves.toBe(result);
		expect(completeSignIn).toHaveBeenCalledWith(config, BASE, HREF);
	});

	it('passes completeSignIn’s error on unchanged (cancelled, state mismatch, provider down …)', async () => {
		const refused = new AppError('state-mismatch', 'The answer from the provider does not match.');
		const { finishSignIn } = await bootWith(() => ({
			completeSignIn: () => Promise.reject(refused),
		}));
		await expect(finishSignIn(config, BASE, HREF)).rejects.toBe(refused);
	});

	it('a module that could not be downloaded is the clear "could not load" error', async () => {
		const { finishSignIn } = await bootWith(() => {
			throw new TypeError('Failed to fetch dynamically imported module');
		});
		const error: unknown = await finishSignIn(config, BASE, HREF).catch((e: unknown) => e);
		expect(isAppError(error)).toBe(true);
		expect(error).toMatchObject({
			code: 'network-down',
			message: 'Part of Fedplay could not be downloaded, so signing in cannot go on.',
		});
	});

	it('an error nobody awaits yet is not an unhandled rejection', async () => {
		const unhandled = vi.fn();
		process.on('unhandledRejection', unhandled);
		try {
			const { finishSignIn } = await bootWith(() => ({
				completeSignIn: () => Promise.reject(new AppError('login-cancelled', 'Cancelled.')),
			}));
			void finishSignIn(config, BASE, HREF);
			await new Promise((resolve) => setTimeout(resolve, 20));
			expect(unhandled).not.toHaveBeenCalled();
		} finally {
			process.off('unhandledRejection', unhandled);
		}
	});
});
