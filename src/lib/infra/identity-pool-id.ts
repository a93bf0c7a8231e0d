/**
 * A deterministic id for a template's `AWS::Cognito::IdentityPool`, in Cognito's format (`REGION:GUID`,
 * model pattern `[\w-]+:[0-9a-f-]+`). AWS picks a random GUID when it creates a pool; the sandbox cannot ask
 * it, so it derives one from what names the pool — account, region, stack name and logical id — and every
 * reader of the template (the sandbox, `public/config.json`, the trust policies that name the pool as
 * `cognito-identity.amazonaws.com:aud`) agrees on it without rewriting anything at start-up. A deployed
 * stack's real id comes from its `IdentityPoolId` output instead (TemplateValues.identityPoolIds).
 *
 * Pure and synchronous, so the template resolver can use it in the browser too. The hash is not a security
 * measure: a pool id is public (it ships in config.json); it only has to be stable and tell pools apart.
 */

export interface IdentityPoolName {
	accountId: string;
	region: string;
	stackName: string;
	logicalId: string;
}

/** `us-east-1:xxxxxxxx-xxxx-8xxx-xxxx-xxxxxxxxxxxx`: an RFC 9562 version 8 (custom) UUID from a hash. */
export function identityPoolIdFor(pool: IdentityPoolName): string {
	const text = [pool.accountId, pool.region, pool.stackName, pool.logicalId].join('\n');
	const hex = hash128(text);
	// Version 8 in the 13th digit, variant 10xx in the 17th (RFC 9562, section 5.8).
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	const uuid = [
		hex.slice(0, 8),
		hex.slice(8, 12),
		`8${hex.slice(13, 16)}`,
		`${variant}${hex.slice(17, 20)}`,
		hex.slice(20, 32),
	].join('-');
	return `${pool.region}:${uuid}`;
}

/**
 * 128 bits as 32 hex digits: four 32-bit FNV-1a lanes over the UTF-16 code units, each lane seeded
 * differently and mixed with the others at the end (a murmur3-style finalizer), so that a change of any
 * input character changes every digit.
 */
function hash128(text: string): string {
	const lanes = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		for (let lane = 0; lane < 4; lane++) {
			lanes[lane] = Math.imul(lanes[lane]! ^ (code + lane), 0x01000193);
		}
	}
	const mixed = lanes.map((value, lane) => finalize(value ^ lanes[(lane + 1) % 4]! ^ text.length));
	return mixed.map((value) => (value >>> 0).toString(16).padStart(8, '0')).join('');
}

function finalize(h: number): number {
	let x = h;
	x ^= x >>> 16;
	x = Math.imul(x, 0x85ebca6b);
	x ^= x >>> 13;
	x = Math.imul(x, 0xc2b2ae35);
	x ^= x >>> 16;
	return x;
}
