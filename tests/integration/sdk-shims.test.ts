/*
 * The production build replaces two SDK modules (vite.config.ts `sdkShims`): SHA-256 on WebCrypto alone, and
 * SigV4 as the STS client's signer. Here the real @aws-sdk/client-sts signs with them against the sandbox,
 * which verifies every signature: the calls go through, and a wrong key is refused.
 */
import {
	AssumeRoleCommand,
	GetCallerIdentityCommand,
	STSClient,
	type Credentials,
	type STSClientConfig,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/app';
import { Sha256 } from '../../src/lib/aws/sdk-shims/checksum';
import { SignatureV4MultiRegion } from '../../src/lib/aws/sdk-shims/signature-v4-multi-region';
import { startTestSandbox } from './gateway-clients';
import { stsFailure, TOURNAMENT_ROLE, webIdentity } from './sts-clients';

let sandbox: Sandbox;
let carol: Credentials;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	carol = (await webIdentity(sandbox, 'carol')).Credentials!;
});

afterAll(async () => {
	await sandbox?.close();
});

/** An STS client as the build makes it: the shims as its SHA-256 and its signer. */
function shimmedSts(secretAccessKey = carol.SecretAccessKey!): STSClient {
	return new STSClient({
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		maxAttempts: 1,
		sha256: Sha256,
		signerConstructor: SignatureV4MultiRegion,
		credentials: {
			accessKeyId: carol.AccessKeyId!,
			secretAccessKey,
			sessionToken: carol.SessionToken!,
		},
	} as STSClientConfig);
}

describe('the build’s SHA-256 and STS signer, against signatures the sandbox verifies', () => {
	it('signs GetCallerIdentity', async () => {
		const sts = shimmedSts();
		try {
			const me = await sts.send(new GetCallerIdentityCommand({}));
			expect(me.Arn).toMatch(/:assumed-role\/[^/]+\/fedplay-carol$/);
		} finally {
			sts.destroy();
		}
	});

	it('signs AssumeRole, a body with parameters (role chaining)', async () => {
		const sts = shimmedSts();
		try {
			// carol is an organizer (tag role=organizer): the tournament role trusts her session.
			const chained = await sts.send(
				new AssumeRoleCommand({ RoleArn: TOURNAMENT_ROLE, RoleSessionName: 'tournament-carol' }),
			);
			expect(chained.AssumedRoleUser?.Arn).toMatch(/:assumed-role\/[^/]+\/tournament-carol$/);
		} finally {
			sts.destroy();
		}
	});

	it('is refused with another secret key: the sandbox checks what was signed', async () => {
		const sts = shimmedSts('not-the-secret-key-of-this-session');
		try {
			const failure = await stsFailure(sts.send(new GetCallerIdentityCommand({})));
			expect(failure.code).toBe('SignatureDoesNotMatch');
		} finally {
			sts.destroy();
		}
	});
});
