import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js';
import { partition, setPartitionInfo, useDefaultPartitionInfo } from '@aws-sdk/core/client';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientConfig } from '../../../src/lib/aws/signed-call';
import { Sha256 } from '../../../src/lib/aws/sdk-shims/checksum';
import { DefaultRateLimiter } from '../../../src/lib/aws/sdk-shims/no-adaptive-retry';
import { partitionsWithoutDescriptions } from '../../../src/lib/aws/sdk-shims/partitions';
import { SignatureV4MultiRegion } from '../../../src/lib/aws/sdk-shims/signature-v4-multi-region';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function both(secret: string | Uint8Array | undefined, parts: Uint8Array[]) {
	const shim = new Sha256(secret);
	const js = new Sha256Js(secret);
	for (const part of parts) {
		shim.update(part);
		js.update(part);
	}
	return { shim: hex(await shim.digest()), js: hex(await js.digest()) };
}

afterEach(() => {
	vi.unstubAllGlobals();
	useDefaultPartitionInfo();
});

describe('the build’s SHA-256 (WebCrypto only)', () => {
	it('hashes as the SDK’s pure-JS SHA-256 does, the FIPS 180-2 vectors included', async () => {
		expect((await both(undefined, [])).shim).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect((await both(undefined, [utf8('abc')])).shim).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
		const body = utf8(JSON.stringify({ score: 1234, name: 'Ålice ✓' }).repeat(500));
		const split = [body.subarray(0, 7), body.subarray(7, 4000), body.subarray(4000)];
		const { shim, js } = await both(undefined, split);
		expect(shim).toBe(js);
	});

	it('makes HMAC-SHA-256 with a string or byte key, as SigV4’s key derivation does', async () => {
		// RFC 4231, test case 2.
		expect((await both('Jefe', [utf8('what do ya want for nothing?')])).shim).toBe(
			'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
		);
		const key = new Uint8Array(32).map((_, i) => i * 7);
		const { shim, js } = await both(key, [utf8('20261202/us-east-1/sts/aws4_request')]);
		expect(shim).toBe(js);
	});

	it('starts over after reset, and keeps no view of the caller’s buffer', async () => {
		const hash = new Sha256();
		hash.update(utf8('thrown away'));
		hash.reset();
		const buffer = utf8('abc');
		hash.update(buffer);
		buffer.fill(0);
		expect(hex(await hash.digest())).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
	});

	it('says why it cannot sign where the page has no WebCrypto (not a secure context)', async () => {
		vi.stubGlobal('crypto', undefined);
		const hash = new Sha256();
		hash.update(utf8('abc'));
		await expect(hash.digest()).rejects.toThrow(
			'Signing AWS requests needs WebCrypto (crypto.subtle): open Fedplay over HTTPS.',
		);
	});
});

describe('the build’s STS signer (SigV4 only)', () => {
	it('tells the SDK there is no SigV4a signer, so it takes the endpoint’s SigV4', () => {
		expect(SignatureV4MultiRegion.sigv4aDependency()).toBe('none');
	});
});

type Info = Parameters<typeof setPartitionInfo>[0];

/** The installed @aws-sdk/core's partitions.js, as the build reads it, and its table. */
function realPartitions(): { source: string; info: Info } {
	const core = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'));
	const file = join(core, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js');
	const source = readFileSync(file, 'utf8');
	return { source, info: tableOf(source) };
}

const tableOf = (module: string): Info =>
	JSON.parse(module.slice(module.indexOf('{'), module.lastIndexOf('}') + 1)) as Info;

describe('the build’s partition table (no region descriptions)', () => {
	const { source, info } = realPartitions();
	const shipped = tableOf(partitionsWithoutDescriptions(source));
	const regions = info.partitions.flatMap((p) => Object.keys(p.regions));
	// Regions the tables do not list, matched by each partition's regex, and one matched by none.
	const unlisted = [
		'us-east-9',
		'cn-northwest-9',
		'us-gov-east-9',
		'us-iso-west-9',
		'xx-nowhere-1',
	];

	it('drops only the descriptions: every partition, region and output stays', () => {
		expect(JSON.stringify(shipped)).not.toContain('description');
		expect(shipped.partitions.map((p) => p.id)).toEqual(info.partitions.map((p) => p.id));
		expect(shipped.partitions.flatMap((p) => Object.keys(p.regions))).toEqual(regions);
		expect(regions.length).toBeGreaterThan(40);
		expect(shipped.partitions.map((p) => p.outputs)).toEqual(info.partitions.map((p) => p.outputs));
	});

	it('answers aws.partition as the real table does, but for the description', () => {
		const answers = (table: Info) => {
			setPartitionInfo(table);
			return [...regions, ...unlisted].map((region) => {
				const { description: _description, ...rest } = partition(region) as {
					description?: string;
				};
				return rest;
			});
		};
		const real = answers(info);
		expect(answers(shipped)).toEqual(real);
		expect(real.map((r) => (r as { name: string }).name)).toContain('aws-cn');
	});

	it('resolves STS to the same endpoint in every region of every partition', async () => {
		const sts = new STSClient({ region: 'us-east-1' });
		const endpoints = (table: Info) => {
			setPartitionInfo(table);
			return [...regions, ...unlisted].flatMap((Region) =>
				[false, true].map((UseFIPS) => {
					try {
						return sts.config.endpointProvider({ Region, UseFIPS, UseDualStack: false }).url.href;
					} catch (error) {
						return String(error);
					}
				}),
			);
		};
		const real = endpoints(info);
		expect(endpoints(shipped)).toEqual(real);
		expect(real).toContain('https://sts.cn-north-1.amazonaws.com.cn/');
		expect(real).toContain('https://sts-fips.us-iso-east-1.c2s.ic.gov/');
		// The comparison reads the table STS resolves with: a changed table changes the answer.
		const altered = structuredClone(info);
		altered.partitions.find((p) => p.id === 'aws-cn')!.outputs.dnsSuffix = 'example.invalid';
		expect(endpoints(altered)).not.toEqual(real);
		sts.destroy();
	});

	it('stops the build with a clear message if partitions.js changes shape', () => {
		expect(() => partitionsWithoutDescriptions('export default {"partitions": []};')).toThrow(
			/no longer reads "export const partitionsInfo/,
		);
	});
});

describe('the build’s retry (standard mode, no adaptive rate limiter)', () => {
	it('the app’s clients retry in standard mode, so they never make a rate limiter', async () => {
		const sts = new STSClient({
			...clientConfig({
				region: 'eu-west-1',
				credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
			}),
			maxAttempts: 3,
		});
		const strategy = (await sts.config.retryStrategy()) as { mode?: string };
		expect(strategy.mode).toBe('standard');
		sts.destroy();
	});

	it('says where adaptive mode went, should a client ask for it', () => {
		expect(() => new DefaultRateLimiter()).toThrow(/leaves out the SDK's adaptive retry mode/);
	});
});
