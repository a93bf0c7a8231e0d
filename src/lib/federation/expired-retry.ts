import type {
	FinalizeRequestMiddleware,
	HandlerExecutionContext,
	MiddlewareStack,
} from '@smithy/types';
import { applyClockSkew, type Clock } from './clock-skew';
import type { CredentialProvider } from './credential-provider';
import { isExpiredCredentialsError } from './expired-error';

export { isExpiredCredentialsError };

/**
 * Retries a call ONCE with new credentials when AWS says the ones it was signed with expired (a laptop
 * that slept, a clock that lied). It sits in the finalizeRequest step just before `httpSigningMiddleware`:
 * the service error thrown by the deserializer comes back up through it, and calling `next` again signs
 * again — and signing asks the provider, which by then hands out new credentials.
 */
export function retryOnExpiredMiddleware<I extends object, O extends object>(
	provider: CredentialProvider,
): FinalizeRequestMiddleware<I, O> {
	return (next, context) => async (args) => {
		// Unsigned operations (AssumeRoleWithWebIdentity) never ask the provider: that could wait on itself.
		if (!isSigV4(context)) return next(args);
		// Which credentials this attempt is signed with: the provider's answer now (it is memoized there).
		const used = await provider();
		try {
			return await next(args);
		} catch (error) {
			if (!isExpiredCredentialsError(error)) throw error;
			provider.invalidate(used.accessKeyId);
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

/** An SDK v3 client, whatever its service (S3Client, DynamoDBClient, STSClient…). */
export interface SdkClient<I extends object, O extends object> {
	middlewareStack: MiddlewareStack<I, O>;
}

/**
 * Fedplay's cross-cutting AWS behaviour on one client: retry once on expired credentials, and (given a
 * clock) clock-skew readings. Build the client with `credentials: provider`: the provider is marked
 * `memoized`, so the SDK calls it for every signature instead of keeping its own copy.
 */
export function applyFedplayMiddleware<I extends object, O extends object>(
	client: SdkClient<I, O>,
	provider: CredentialProvider,
	clock?: Clock,
): void {
	client.middlewareStack.addRelativeTo(retryOnExpiredMiddleware<I, O>(provider), {
		relation: 'before',
		toMiddleware: 'httpSigningMiddleware',
		name: 'fedplayRetryOnExpired',
		override: true,
	});
	if (clock) applyClockSkew(client, clock);
}
