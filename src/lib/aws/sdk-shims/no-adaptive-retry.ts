/*
 * `@smithy/core`'s DefaultRateLimiter as the app's build resolves it (vite.config.ts, `sdkShims`). The rate
 * limiter is the client-side token bucket of the SDK's *adaptive* retry mode, made only when a client is
 * configured with `retryMode: 'adaptive'`. Fedplay's clients never are (signed-call.ts `clientConfig`: standard
 * mode, 3 attempts; a browser has no AWS_RETRY_MODE to pick another), so its 0.8 KB gzip were bytes no call
 * runs (issue 18). Should a client ever ask for adaptive mode, it fails here with a message that says where.
 * The tests run the real package; tests/unit/aws/sdk-shims.test.ts checks the app's clients are standard.
 */
const MESSAGE =
	"This build leaves out the SDK's adaptive retry mode (vite.config.ts shims @smithy/core's DefaultRateLimiter): " +
	"Fedplay's clients retry in standard mode. Remove the shim to use retryMode 'adaptive'.";

export class DefaultRateLimiter {
	constructor() {
		throw new Error(MESSAGE);
	}
}
