import { SignatureV4 } from '@smithy/signature-v4';

/*
 * `@aws-sdk/signature-v4-multi-region` as the app's build resolves it (vite.config.ts, `sdkShims`). The
 * STS client names it as its signer; it adds SigV4a (S3 multi-region access points, S3 Express sessions),
 * which in a browser needs the SigV4a package Fedplay does not ship, and otherwise signs with SigV4. STS's
 * endpoints ask for SigV4 only, so this is SigV4 itself (issue 18: bytes no call runs). The tests run the
 * real package; tests/integration/sdk-shims.test.ts signs STS calls with this against the sandbox.
 */
export class SignatureV4MultiRegion extends SignatureV4 {
	/** No SigV4a signer here: the SDK's auth-scheme resolver then takes the endpoint's SigV4 option. */
	static sigv4aDependency(): 'none' {
		return 'none';
	}
}
