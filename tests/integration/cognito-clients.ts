/**
 * Shared set-up for the Cognito Identity suites: the real `@aws-sdk/client-cognito-identity` against a
 * sandbox, unsigned as the app calls it, or signed with the sandbox developer principal's keys; the players'
 * `Logins` (an ID token of the pool's provider under its Logins key); and both flows to credentials.
 */
import {
	CognitoIdentityClient,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	GetOpenIdTokenCommand,
	type Credentials,
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Sandbox } from '../../sandbox/app';
import type { PlayerCredentials } from './gateway-clients';
import { asPlayerCredentials } from './sts-clients';

/** The sandbox's identity pool (the template defines one). */
export function poolOf(sandbox: Sandbox) {
	const pool = sandbox.identityPools[0];
	if (!pool) throw new Error('the sandbox has no identity pool');
	return pool;
}

/** The pool's Logins key for the first provider: its issuer without the scheme (`localhost:PORT`). */
export function loginsKeyOf(sandbox: Sandbox, provider = 0): string {
	return sandbox.issuers[provider]!.replace(/^https?:\/\//, '');
}

/** `{ "localhost:PORT": <ID token> }` for `player` at the first provider, claims optionally replaced. */
export async function loginsFor(
	sandbox: Sandbox,
	player: string,
	overrides?: Record<string, unknown>,
): Promise<Record<string, string>> {
	const token = await sandbox.idps[0]!.issueIdToken(player, overrides ? { overrides } : {});
	return { [loginsKeyOf(sandbox)]: token };
}

/** An unsigned client, as the app (or any web page) calls Cognito Identity. No retries: one call, one answer. */
export function cognitoClient(sandbox: Sandbox): CognitoIdentityClient {
	return new CognitoIdentityClient({
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		maxAttempts: 1,
	});
}

/** A client signed with the sandbox developer principal's long-term keys. */
export function developerClient(
	sandbox: Sandbox,
	credentials: {
		accessKeyId: string;
		secretAccessKey: string;
		sessionToken?: string;
	} = sandbox.developer,
): CognitoIdentityClient {
	return new CognitoIdentityClient({
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		maxAttempts: 1,
		credentials,
	});
}

/** Cognito's credentials (`SecretKey`) as the other clients take them. */
export function asCredentials(credentials: Credentials | undefined): PlayerCredentials {
	if (!credentials?.AccessKeyId || !credentials.SecretKey || !credentials.SessionToken)
		throw new Error('Cognito returned no credentials');
	return {
		accessKeyId: credentials.AccessKeyId,
		secretAccessKey: credentials.SecretKey,
		sessionToken: credentials.SessionToken,
		expiration: credentials.Expiration!,
	};
}

/** GetId for `logins` (none: a guest). */
export async function getId(
	cognito: CognitoIdentityClient,
	sandbox: Sandbox,
	logins?: Record<string, string>,
): Promise<string> {
	const answer = await cognito.send(
		new GetIdCommand({ IdentityPoolId: poolOf(sandbox).id, ...(logins ? { Logins: logins } : {}) }),
	);
	return answer.IdentityId!;
}

export interface CognitoSession {
	identityId: string;
	credentials: PlayerCredentials;
}

/** The enhanced flow: GetCredentialsForIdentity for `identityId` (GetId's) with `logins`. */
export async function enhancedFlow(
	cognito: CognitoIdentityClient,
	identityId: string,
	logins?: Record<string, string>,
): Promise<CognitoSession> {
	const answer = await cognito.send(
		new GetCredentialsForIdentityCommand({
			IdentityId: identityId,
			...(logins ? { Logins: logins } : {}),
		}),
	);
	return { identityId: answer.IdentityId!, credentials: asCredentials(answer.Credentials) };
}

/** The basic flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity with `roleArn`, as the app would. */
export async function basicFlow(
	sandbox: Sandbox,
	cognito: CognitoIdentityClient,
	identityId: string,
	roleArn: string,
	logins?: Record<string, string>,
): Promise<CognitoSession & { token: string }> {
	const answer = await cognito.send(
		new GetOpenIdTokenCommand({ IdentityId: identityId, ...(logins ? { Logins: logins } : {}) }),
	);
	const sts = new STSClient({
		region: sandbox.config.region,
		endpoint: sandbox.awsEndpoint,
		maxAttempts: 1,
	});
	try {
		const assumed = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: roleArn,
				RoleSessionName: 'fedplay-cognito',
				WebIdentityToken: answer.Token,
				DurationSeconds: 900,
			}),
		);
		return {
			identityId: answer.IdentityId!,
			token: answer.Token!,
			credentials: asPlayerCredentials(assumed.Credentials!),
		};
	} finally {
		sts.destroy();
	}
}

/** A player signed in through the pool's enhanced flow: their identity id and credentials. */
export async function signInThroughPool(
	sandbox: Sandbox,
	cognito: CognitoIdentityClient,
	player: string,
): Promise<CognitoSession> {
	const logins = await loginsFor(sandbox, player);
	return enhancedFlow(cognito, await getId(cognito, sandbox, logins), logins);
}

/** A new guest through the enhanced flow. */
export async function newGuest(
	sandbox: Sandbox,
	cognito: CognitoIdentityClient,
): Promise<CognitoSession> {
	return enhancedFlow(cognito, await getId(cognito, sandbox));
}

/** The claims of a JWT, unverified (the suites check what Cognito put in its tokens). */
export function claimsOf(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;
}

export function headerOf(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;
}
