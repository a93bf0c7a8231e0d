import { deflateRawSync } from 'node:zlib';
import { AwsError } from '../errors';
import type { SessionTag } from '../sessions';

/**
 * `PackedPolicySize`: AWS compresses the inline session policy, the managed session policy ARNs and the session
 * tags into one packed form with its own limit, and reports the percentage used. The packing is AWS's own; the
 * sandbox deflates the minified policy, the ARNs and `key=value` per tag against a 512-byte budget, which lands
 * near what AWS reports in the wild (six EKS Pod Identity tags ≈ 74%, a 42-action policy of 1,690 characters
 * ≈ 157%), so what fits in plain text can still be refused. Messages are AWS's (seen in the wild): one when the
 * tags push the total over, one for the policies.
 */
const PACKED_BUDGET_BYTES = 512;

export interface PackedParts {
	/** The inline session policy as sent (already known to be valid JSON). */
	policyText?: string;
	policyArns: readonly string[];
	/** Every tag of the new session, inherited transitive tags included. */
	tags: readonly SessionTag[];
}

/** The percentage to report, or `undefined` when nothing was passed; throws `PackedPolicyTooLarge` over 100. */
export function packedPolicySize(parts: PackedParts): number | undefined {
	if (parts.policyText === undefined && parts.policyArns.length === 0 && parts.tags.length === 0)
		return undefined;
	const policies = [
		parts.policyText === undefined ? '' : JSON.stringify(JSON.parse(parts.policyText)),
		...parts.policyArns,
	].join('\n');
	const tags = parts.tags.map(({ key, value }) => `${key}=${value}`).join('\n');
	const total = percentOf(`${policies}\n${tags}`);
	if (total <= 100) return total;
	if (tags !== '' && percentOf(policies) <= 100) {
		throw new AwsError(
			'PackedPolicyTooLarge',
			400,
			`Packed size of session tags consumes ${total}% of allotted space.`,
		);
	}
	throw new AwsError(
		'PackedPolicyTooLarge',
		400,
		`Packed policy consumes ${total}% of allotted space, please use smaller policy.`,
	);
}

function percentOf(text: string): number {
	return Math.ceil((deflateRawSync(text).length / PACKED_BUDGET_BYTES) * 100);
}
