import type { FinalizeRequestMiddleware, HandlerExecutionContext } from '@smithy/types';
import { isExpiredCredentialsError } from './errors';

/** An AWS credential identity; `expiration` tells the SDK when to ask again. */
export interface AwsIdentity {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	expiration?: Date;
}

/** Where signed calls get their credentials: any function that answers an identity. */
export type AwsCredentialsProvider = () => Promise<AwsIdentity>;

/**
 * Credentials that can be renewed: the app's credential provider (lib/federation) fits this shape. It
 * is `memoized` (it caches itself, so the SDK asks it at every signature and never signs with a stale copy),
 * and it can be told that AWS found an identity expired.
 */
export interface RenewableCredentials extends AwsCredentialsProvider {
	readonly memoized: true;
	/** AWS said these credentials expired: never hand out `accessKeyId` again. */
	invalidate(accessKeyId: string): void;
}

/** True for credentials that can be renewed (they can be told that AWS found them expired). */
export function isRenewable(
	credentials: AwsCredentialsProvider,
): credentials is RenewableCredentials {
	const c = credentials as Partial<RenewableCredentials>;
	return c.memoized === true && typeof c.invalidate === 'function';
}

/**
 * Retries a call ONCE with new credentials when AWS says the ones it was signed with expired (a laptop
 * that slept, a clock that lied). It sits in the finalizeRequest step just before `httpSigningMiddleware`:
 * the service error thrown by the deserializer comes back up through it, and calling `next` again signs
 * again — and signing asks the provider, which by then hands out new credentials.
 */
export function retryOnExpiredMiddleware<I extends object, O extends object>(
	credentials: RenewableCredentials,
): FinalizeRequestMiddleware<I, O> {
	return (next, context) => async (args) => {
		// Unsigned operations (AssumeRoleWithWebIdentity) never ask the provider: that could wait on itself.
		if (!isSigV4(context)) return next(args);
		// Which credentials this attempt is signed with: the provider's answer now (it is memoized there).
		const used = await credentials();
		try {
			return await next(args);
		} catch (error) {
			if (!isExpiredCredentialsError(error)) throw error;
			credentials.invalidate(used.accessKeyId);
			return next(args);
		}
	};
}

// `SMITHY_CONTEXT_KEY` of @smithy/types, spelled out so the bundle needs no import from it.
const SMITHY_CONTEXT_KEY = '__smithy_context';

function isSigV4(context: HandlerExecutionContext): boolean {
	const smithy = (context as Record<string, unknown>)[SMITHY_CONTEXT_KEY] as
		{ selectedHttpAuthScheme?: { httpAuthOption?: { schemeId?: string } } } | undefined;
	return (
		smithy?.selectedHttpAuthScheme?.httpAuthOption?.schemeId?.startsWith('aws.auth#sigv4') ?? false
	);
}
