/**
 * Which present headers a SigV4 signature must cover, beyond `host`. A header that is not in
 * `SignedHeaders` can be added or changed by anyone on the way without breaking the signature, so a service
 * that acts on it would act on something the caller never signed.
 */
import { AwsError, type AwsService } from './errors';

/**
 * S3 (API Reference, "Signature Calculations for the Authorization Header"): "Any x-amz-* headers that you
 * plan to include in your request must also be added" to the canonical headers; S3 refuses a request whose
 * `x-amz-*` header is not signed with 403 `AccessDenied` and lists the headers in `<HeadersNotSigned>`.
 * Outside that rule:
 * - `x-amz-content-sha256`: its value is the canonical request's payload-hash line, so the signature
 *   covers it whether or not it is listed, and S3 accepts it unlisted in practice (scality/Arsenal#2590,
 *   "In practice AWS does not require x-amz-content-sha256 to be signed"; demarche-numerique/ds_proxy#164).
 * - the trailing checksums of an `aws-chunked` upload (`x-amz-checksum-crc32`…): they arrive in the
 *   body's trailer, not as headers, and the header that declares them, `x-amz-trailer`, must be signed
 *   (API Reference, "Signature calculations for trailing headers (chunked uploads)").
 * Everything else named `x-amz-*` (`x-amz-meta-*`, `x-amz-storage-class`, `x-amz-acl`,
 * `x-amz-copy-source`, `x-amz-date`, `x-amz-security-token`, …) must be signed.
 */
const S3_UNSIGNED_ALLOWED = new Set(['x-amz-content-sha256']);

/**
 * JSON-protocol services (DynamoDB, Cognito Identity's signed operations) choose the operation from
 * `X-Amz-Target`. AWS documents no rule that it be signed (the SDKs always sign it); the sandbox is stricter
 * and refuses an unsigned one, so a header added on the way cannot turn a signed GetItem into a DeleteItem.
 * `Content-Type` is left alone, as AWS does.
 */
const JSON_PROTOCOL_SERVICES: ReadonlySet<AwsService> = new Set(['dynamodb', 'cognito-identity']);

/** The refusal for present headers the signature must cover but does not, or `null`. */
export function unsignedHeadersError(
	headers: Record<string, string | string[] | undefined>,
	signedHeaders: readonly string[],
	service: AwsService,
): AwsError | null {
	const signed = new Set(signedHeaders);
	const present = Object.keys(headers).map((name) => name.toLowerCase());
	if (service === 's3') {
		const unsigned = present.filter(
			(name) => name.startsWith('x-amz-') && !signed.has(name) && !S3_UNSIGNED_ALLOWED.has(name),
		);
		if (unsigned.length === 0) return null;
		return new AwsError(
			'AccessDenied',
			403,
			'There were headers present in the request which were not signed',
			{ extra: { HeadersNotSigned: unsigned.join(', ') } },
		);
	}
	if (JSON_PROTOCOL_SERVICES.has(service) && present.includes('x-amz-target')) {
		if (signed.has('x-amz-target')) return null;
		// Worded like AWS's own rule for Host ("'Host' must be a 'SignedHeader' in the AWS Authorization.").
		return new AwsError(
			'InvalidSignatureException',
			400,
			"'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.",
		);
	}
	return null;
}
