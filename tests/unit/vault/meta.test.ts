import { beforeEach, describe, expect, it } from 'vitest';
import { wipeVault } from '../../../src/lib/vault/credentials';
import { vaultDb } from '../../../src/lib/vault/db';
import { deleteMeta, readMeta, writeMeta } from '../../../src/lib/vault/meta';
import { freshVault } from './fresh-vault';

beforeEach(freshVault);

describe('vault meta', () => {
	it('keeps the active provider and the clock skew across page loads', async () => {
		await writeMeta('activeProvider', 'fedplay-id');
		await writeMeta('clockSkewMs', -1_200_000);
		expect(await readMeta('activeProvider')).toBe('fedplay-id');
		expect(await readMeta('clockSkewMs')).toBe(-1_200_000);
		await deleteMeta('activeProvider');
		expect(await readMeta('activeProvider')).toBeNull();
	});

	it.each([
		['activeProvider', 42],
		['activeProvider', ''],
		['clockSkewMs', 'soon'],
		['clockSkewMs', Number.NaN],
	] as const)('reads a %s of the wrong type (%j) as absent', async (key, value) => {
		await (await vaultDb()).put('meta', value, key);
		expect(await readMeta(key)).toBeNull();
	});

	it('is wiped on sign-out', async () => {
		await writeMeta('activeProvider', 'fedplay-id');
		await wipeVault();
		expect(await readMeta('activeProvider')).toBeNull();
	});
});
