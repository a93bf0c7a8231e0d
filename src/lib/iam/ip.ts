/**
 * IPv4 and IPv6 addresses and CIDR blocks as bigints, for IpAddress / NotIpAddress (RFC 4632 / RFC 4291).
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are compared as IPv4, as Node reports them that way.
 */

interface Address {
	version: 4 | 6;
	value: bigint;
}

function parseIpv4(text: string): bigint | null {
	const octets = text.split('.');
	if (octets.length !== 4) return null;
	let value = 0n;
	for (const octet of octets) {
		if (!/^\d{1,3}$/.test(octet) || Number(octet) > 255) return null;
		value = (value << 8n) | BigInt(octet);
	}
	return value;
}

function parseIpv6(text: string): bigint | null {
	const halves = text.split('::');
	if (halves.length > 2) return null;
	const groups = (half: string | undefined): string[] => (half ? half.split(':') : []);
	const head = groups(halves[0]);
	const tail = groups(halves[1]);
	// A trailing dotted quad counts as two groups.
	const last = (tail.length ? tail : head).at(-1);
	let v4: bigint | null = null;
	if (last?.includes('.')) {
		v4 = parseIpv4(last);
		if (v4 === null) return null;
		(tail.length ? tail : head).pop();
	}
	const v4Groups = v4 === null ? 0 : 2;
	const missing = 8 - head.length - tail.length - v4Groups;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	let value = 0n;
	for (const group of [
		...head,
		...Array<string>(halves.length === 1 ? 0 : missing).fill('0'),
		...tail,
	]) {
		if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
		value = (value << 16n) | BigInt(`0x${group}`);
	}
	return v4 === null ? value : (value << 32n) | v4;
}

function parseAddress(text: string): Address | null {
	const v4 = parseIpv4(text);
	if (v4 !== null) return { version: 4, value: v4 };
	const v6 = text.includes(':') ? parseIpv6(text) : null;
	if (v6 === null) return null;
	if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
	return { version: 6, value: v6 };
}

/** True when `ip` lies in `cidr` (`a.b.c.d/n`, `x::y/n`, or a bare address meaning /32 or /128). */
export function ipInCidr(ip: string, cidr: string): boolean {
	const [base = '', bitsText] = cidr.trim().split('/');
	const address = parseAddress(ip.trim());
	const block = parseAddress(base);
	if (!address || !block || address.version !== block.version) return false;
	const width = address.version === 4 ? 32 : 128;
	const bits = bitsText === undefined ? width : Number(bitsText);
	if (!Number.isInteger(bits) || bits < 0 || bits > width || !/^\d*$/.test(bitsText ?? ''))
		return false;
	const shift = BigInt(width - bits);
	return address.value >> shift === block.value >> shift;
}
