import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../../../src/lib/config/schema';
import { assumeRoleWithWebIdentity, recordFromSts } from '../../../src/lib/federation/sts';

/*
 * What the app puts on the wire for AssumeRoleWithWebIdentity. A recording endpoint answers with a fixed
 * response; STS's own validation is covered by the sandbox's integration tests.
 */

const RESPONSE = `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<AssumeRoleWithWebIdentityResult>
<SubjectFromWebIdentityToken>alice-sub</SubjectFromWebIdentityToken>
<Audience>fedplay-web</Audience>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice</Arn>
<AssumedRoleId>AROAEXAMPLE:fedplay-alice</AssumedRoleId></AssumedRoleUser>
<Credentials><SessionToken>token</SessionToken><SecretAccessKey>secret</SecretAccessKey>
<Expiration>2030-01-01T00:00:00Z</Expiration><AccessKeyId>ASIAEXAMPLE12345</AccessKeyId></Credentials>
<Provider>http://localhost:4000</Provider>
</AssumeRoleWithWebIdentityResult>
<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`;

let server: Server;
let seen: { headers: IncomingHttpHeaders; body: URLSearchParams }[] = [];
let config: RuntimeConfig;

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			seen.push({ headers: req.headers, body: new URLSearchParams(body) });
			res.writeHead(200, { 'content-type': 'text/xml' }).end(RESPONSE);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	config = {
		region: 'us-east-1',
		endpoint: `http://127.0.0.1:${port}`,
		durationSeconds: 1800,
		refreshThresholdSeconds: 300,
		bucket: 'fedplay-game-data',
		table: 'GameScores',
		providers: [
			{
				id: 'fedplay-id',
				displayName: 'Fedplay ID',
				issuer: 'http://localhost:4000',
				clientId: 'fedplay-web',
				scopes: 'openid',
				roleArn: 'arn:aws:iam::123456789012:role/fedplay-player',
				dataSegment: 'oidc1',
			},
		],
	};
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('assumeRoleWithWebIdentity', () => {
	it('sends an unsigned request with the role, session name, token and configured duration', async () => {
		seen = [];
		const provider = config.providers[0]!;
		const answer = await assumeRoleWithWebIdentity({
			config,
			roleArn: provider.roleArn,
			idToken: 'eyJ.header.sig',
			sessionName: 'fedplay-alice',
		});
		expect(seen).toHaveLength(1);
		const [request] = seen;
		expect(request?.headers.authorization).toBeUndefined();
		expect(request?.headers['x-amz-security-token']).toBeUndefined();
		expect(Object.fromEntries(request?.body ?? [])).toMatchObject({
			Action: 'AssumeRoleWithWebIdentity',
			RoleArn: provider.roleArn,
			RoleSessionName: 'fedplay-alice',
			WebIdentityToken: 'eyJ.header.sig',
			DurationSeconds: '1800',
		});
		const from = { sourceKey: 'k', providerId: provider.id, roleArn: provider.roleArn };
		expect(recordFromSts(answer, { ...from, obtainedAt: 1 })).toEqual({
			...from,
			obtainedAt: 1,
			assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
			assumedRoleId: 'AROAEXAMPLE:fedplay-alice',
			accessKeyId: 'ASIAEXAMPLE12345',
			secretAccessKey: 'secret',
			sessionToken: 'token',
			expiration: Date.parse('2030-01-01T00:00:00Z'),
			subject: 'alice-sub',
			issuer: 'http://localhost:4000',
			audience: 'fedplay-web',
		});
	});

	it('reports an endpoint that does not answer as network-down', async () => {
		const down = { ...config, endpoint: 'http://127.0.0.1:9' };
		await expect(
			assumeRoleWithWebIdentity({
				config: down,
				roleArn: config.providers[0]!.roleArn,
				idToken: 'x.y.z',
				sessionName: 'fedplay-a',
			}),
		).rejects.toMatchObject({ code: 'network-down' });
	});
});
