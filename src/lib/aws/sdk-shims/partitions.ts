/*
 * The SDK's partition table (`@aws-sdk/core`'s util-endpoints/lib/aws/partitions.js) as the app's build ships
 * it (vite.config.ts, `sdkShims`): the package's own table, re-emitted at build time without each region's
 * `description` ("Asia Pacific (Tokyo)"). STS's endpoint rules ask `aws.partition(Region)` for the partition's
 * outputs (dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack, name) and match regions by name;
 * no rule reads a description, so every region of every partition resolves to the same endpoint (issue 18:
 * about 0.5 KB gzip no call reads). Made from the installed package, so a new region is never missed. The
 * tests run the real table; tests/unit/aws/sdk-shims.test.ts resolves STS endpoints with both.
 */

interface PartitionsInfo {
	partitions: { id: string; regions: Record<string, Record<string, unknown>> }[];
}

const DECLARATION = /^\s*export const partitionsInfo = $/;

/** partitions.js's source → the same module without region descriptions; throws if its shape changed. */
export function partitionsWithoutDescriptions(source: string): string {
	const start = source.indexOf('{');
	const end = source.lastIndexOf('}');
	if (start < 0 || end < start || !DECLARATION.test(source.slice(0, start))) {
		throw new Error(
			'sdk-shims/partitions.ts: @aws-sdk/core partitions.js no longer reads "export const partitionsInfo = {…}"; update the shim or drop it from vite.config.ts.',
		);
	}
	const info = JSON.parse(source.slice(start, end + 1)) as PartitionsInfo;
	for (const partition of info.partitions) {
		for (const [region, data] of Object.entries(partition.regions)) {
			const { description: _description, ...rest } = data;
			partition.regions[region] = rest;
		}
	}
	return `export const partitionsInfo = ${JSON.stringify(info)};\n`;
}
