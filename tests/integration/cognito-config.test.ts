/**
 * The identity pool is one value everywhere (README, "Configuration"): `public/config.json` lists it among the
 * providers exactly as the sandbox's runtime config does (the pool id is deterministic, so no start-up rewrites
 * it), the app reads it apart from the direct providers (the sign-in buttons stay as they were), and the
 * template's outputs and both Cognito roles' policies and trust name the same segment and pool.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRuntimeConfig, type Sandbox } from '../../sandbox/app';
import { defaultSandboxConfig } from '../../sandbox/config';
import { parseConfig } from '../../src/lib/config/load';
import { poolOf } from './cognito-clients';
import { startTestSandbox } from './gateway-clients';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterAll(async () => {
	await sandbox?.close();
});

const file = JSON.parse(
	readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8'),
) as { providers: Record<string, unknown>[] };
const template = JSON.parse(
	readFileSync(new URL('../../infra/fedplay.template.json', import.meta.url), 'utf8'),
) as { Outputs: Record<string, { Value: unknown }> };

/** The sandbox's URLs and Logins key at its default ports (the suite's sandbox runs on free ones). */
function atDefaultPorts(entry: Record<string, unknown>): Record<string, unknown> {
	const port = new URL(sandbox.issuers[0]!).port;
	const swap = (text: string) => text.replace(`:${port}`, `:${defaultSandboxConfig.idpPort}`);
	return {
		...entry,
		issuer: swap(String(entry['issuer'])),
		loginsKey: swap(String(entry['loginsKey'])),
	};
}

describe('the identity pool entry', () => {
	it('is in public/config.json exactly as the sandbox serves it, pool id included', () => {
		const pools = file.providers.filter((p) => 'identityPoolId' in p);
		const served = sandboxRuntimeConfig(sandbox).providers.filter((p) => 'identityPoolId' in p);
		expect(pools).toHaveLength(1);
		expect(served.map((entry) => atDefaultPorts(entry))).toEqual(pools);
		expect(pools[0]).toMatchObject({
			identityPoolId: poolOf(sandbox).id,
			allowGuests: true,
			flow: 'enhanced',
			loginsKey: 'localhost:4000',
			dataSegment: 'cognito',
		});
	});

	it('is read by the app apart from the direct providers, which keep their sign-in buttons', () => {
		const parsed = parseConfig(file);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.config.providers.map((p) => p.id)).toEqual(['fedplay-id', 'arcade-id']);
		expect(parsed.config.identityPools).toEqual([
			{
				id: 'fedplay-id-pool',
				displayName: 'Fedplay ID via Amazon Cognito',
				issuer: 'http://localhost:4000',
				clientId: 'fedplay-web',
				scopes: 'openid profile email',
				identityPoolId: poolOf(sandbox).id,
				flow: 'enhanced',
				loginsKey: 'localhost:4000',
				allowGuests: true,
				roleArn: 'arn:aws:iam::123456789012:role/fedplay-cognito-player',
				guestRoleArn: 'arn:aws:iam::123456789012:role/fedplay-cognito-guest',
				dataSegment: 'cognito',
			},
		]);
	});

	it('names the segment and the pool that the template’s outputs, policies and trust name', () => {
		const pool = poolOf(sandbox);
		expect(template.Outputs['IdentityPoolDataSegment']?.Value).toBe('cognito');
		expect(pool.dataSegment).toBe('cognito');
		const own = 'cognito/${cognito-identity.amazonaws.com:sub}';
		for (const arn of [pool.roles.authenticated, pool.roles.unauthenticated]) {
			const role = sandbox.infra.roles.find((r) => r.arn === arn)!;
			const text = JSON.stringify(role.permissionPolicies.map((p) => p.document));
			expect(text).toContain(`arn:aws:s3:::fedplay-game-data/players/${own}/*`);
			expect(text).toContain(`"dynamodb:LeadingKeys":["${own}"]`);
			expect(text).not.toMatch(/oidc[12]\//);
			expect(JSON.stringify(role.trustPolicy.document)).toContain(
				`"cognito-identity.amazonaws.com:aud":["${pool.id}"]`,
			);
		}
	});
});
