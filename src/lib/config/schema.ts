import * as v from 'valibot';
import { DATA_SEGMENT } from './data-layout';

/**
 * The runtime configuration (`public/config.json`), fetched at start-up and never baked into the build, so the
 * same static files run against the sandbox or real AWS. Each message below is shown to a person as
 * "expected …", so it says what a good value looks like.
 */

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TABLE = /^[\w.-]{3,255}$/;
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
// Cognito Identity's IdentityPoolId (botocore's model): 1–55 characters, `REGION:GUID`.
const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/;

/** https everywhere; plain http only for loopback hosts (the local sandbox). */
function isSafeUrl(value: string): boolean {
	try {
		const url = new URL(value);
		if (url.protocol === 'https:') return true;
		return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
	} catch {
		return false;
	}
}

const safeUrl = (what: string) =>
	v.pipe(
		v.string(`${what} as a string`),
		v.check(isSafeUrl, `${what}: an https:// URL (http:// only for localhost)`),
	);

const integerBetween = (min: number, max: number) =>
	v.pipe(
		v.number(`a whole number from ${min} to ${max}`),
		v.integer(`a whole number from ${min} to ${max}`),
		v.minValue(min, `a whole number from ${min} to ${max}`),
		v.maxValue(max, `a whole number from ${min} to ${max}`),
	);

const roleArn = (example: string) =>
	v.pipe(v.string(`a role ARN like ${example}`), v.regex(ROLE_ARN, `a role ARN like ${example}`));

/**
 * A provider entry. With `identityPoolId` it is an Amazon Cognito identity pool over the OpenID provider it
 * names (`issuer`, `clientId`, `scopes`: where the app signs in first), and it also says the `flow` the app
 * takes (`enhanced`: GetId → GetCredentialsForIdentity; `basic`: GetId → GetOpenIdToken →
 * AssumeRoleWithWebIdentity with `roleArn`, or `guestRoleArn` for a guest), the provider's `loginsKey` (the
 * key of its ID token in Cognito's `Logins`: the issuer without its scheme) and whether guests may play.
 */
const ProviderEntrySchema = v.object(
	{
		id: v.pipe(
			v.string('a short id such as "fedplay-id"'),
			v.regex(
				PROVIDER_ID,
				'a short id of lowercase letters, digits and dashes, such as "fedplay-id"',
			),
		),
		displayName: v.pipe(
			v.string('a name to show on the sign-in button'),
			v.trim(),
			v.nonEmpty('a name to show on the sign-in button'),
			v.maxLength(60, 'a name of at most 60 characters'),
		),
		issuer: safeUrl('the issuer URL of the OpenID provider'),
		clientId: v.pipe(
			v.string('the OAuth client id registered at the provider'),
			v.nonEmpty('the OAuth client id registered at the provider'),
		),
		scopes: v.pipe(
			v.string('space-separated scopes including "openid"'),
			v.check(
				(s) => s.split(/\s+/).includes('openid'),
				'space-separated scopes including "openid"',
			),
		),
		roleArn: roleArn('arn:aws:iam::123456789012:role/fedplay-player'),
		// Required, never defaulted: it must be the literal in the role's policy (the template's
		// <Role>DataSegment output), and a guess could point two providers at one folder.
		dataSegment: v.pipe(
			v.string('the segment in the role\'s policy, such as "oidc1"'),
			v.regex(
				DATA_SEGMENT,
				'the segment in the role\'s policy, such as "oidc1": 1–32 lowercase letters, digits and dashes',
			),
		),
		identityPoolId: v.optional(
			v.pipe(
				v.string('an identity pool id like "us-east-1:0b6d…"'),
				v.maxLength(55, 'an identity pool id of at most 55 characters'),
				v.regex(IDENTITY_POOL_ID, 'an identity pool id like "us-east-1:0b6d…" (REGION:GUID)'),
			),
		),
		flow: v.optional(
			v.picklist(['enhanced', 'basic'], 'the identity pool flow: "enhanced" or "basic"'),
		),
		loginsKey: v.optional(v.string('the issuer without https://, the key of its token in Logins')),
		allowGuests: v.optional(v.boolean('true or false: whether guests may play')),
		guestRoleArn: v.optional(roleArn('arn:aws:iam::123456789012:role/fedplay-cognito-guest')),
	},
	'an object with id, displayName, issuer, clientId, scopes, roleArn and dataSegment',
);

type ProviderEntry = v.InferOutput<typeof ProviderEntrySchema>;
const POOL_FIELDS = ['flow', 'loginsKey', 'allowGuests', 'guestRoleArn'] as const;

/** The fields an identity pool entry needs, and only such an entry may have. */
const ProviderSchema = v.pipe(
	ProviderEntrySchema,
	v.rawCheck<ProviderEntry>(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const entry = dataset.value;
		const issue = (key: string, message: string) =>
			addIssue({
				message,
				input: (entry as Record<string, unknown>)[key],
				path: [
					{
						type: 'object',
						origin: 'value',
						input: entry,
						key,
						value: (entry as Record<string, unknown>)[key],
					},
				],
			});
		if (entry.identityPoolId === undefined) {
			for (const key of POOL_FIELDS)
				if (entry[key] !== undefined)
					issue(key, 'nothing: it belongs to an identity pool entry (with identityPoolId)');
			return;
		}
		if (entry.flow === undefined) issue('flow', 'the identity pool flow: "enhanced" or "basic"');
		if (entry.allowGuests === undefined)
			issue('allowGuests', 'true or false: whether guests may play');
		if (entry.loginsKey !== entry.issuer.replace(/^https?:\/\//, ''))
			issue(
				'loginsKey',
				`the issuer without its scheme: "${entry.issuer.replace(/^https?:\/\//, '')}"`,
			);
		if (entry.allowGuests && entry.flow === 'basic' && entry.guestRoleArn === undefined)
			issue('guestRoleArn', 'the guest role the basic flow assumes for guests');
	}),
);

/**
 * A provider field whose values must not repeat: ids name the sign-in buttons and the stored sessions;
 * data segments keep each provider's players apart (one segment for two providers is one namespace).
 */
const unique = <T extends { id: string; dataSegment: string }>(
	field: 'id' | 'dataSegment',
	message: string,
) =>
	v.rawCheck<T[]>(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const seen = new Set<string>();
		dataset.value.forEach((provider, index) => {
			const value = provider[field];
			if (seen.has(value)) {
				addIssue({
					message,
					input: value,
					path: [
						{ type: 'array', origin: 'value', input: dataset.value, key: index, value: provider },
						{ type: 'object', origin: 'value', input: provider, key: field, value },
					],
				});
			}
			seen.add(value);
		});
	});

/**
 * The two `ProviderId` values AWS STS accepts with an OAuth 2.0 access token (AssumeRoleWithWebIdentity:
 * "Currently www.amazon.com and graph.facebook.com are the only supported identity providers").
 */
export const OAUTH2_PROVIDER_IDS = ['www.amazon.com', 'graph.facebook.com'] as const;

/**
 * An OAuth 2.0 provider (Login with Amazon): no issuer, no ID token. The app signs in with the authorization
 * code + PKCE at `authorizationEndpoint` / `tokenEndpoint`, reads the player's name at `profileEndpoint`, and
 * trades the access token with STS AssumeRoleWithWebIdentity and `ProviderId`. `appId` (optional) is the
 * provider's application id the role's trust policy names (`www.amazon.com:app_id`), shown by the inspector.
 */
const OAuth2ProviderSchema = v.object(
	{
		id: v.pipe(
			v.string('a short id such as "amazon"'),
			v.regex(PROVIDER_ID, 'a short id of lowercase letters, digits and dashes, such as "amazon"'),
		),
		displayName: v.pipe(
			v.string('a name to show on the sign-in button'),
			v.trim(),
			v.nonEmpty('a name to show on the sign-in button'),
			v.maxLength(60, 'a name of at most 60 characters'),
		),
		type: v.optional(v.literal('oauth2', '"oauth2" (or leave it out)'), 'oauth2'),
		providerId: v.picklist(
			OAUTH2_PROVIDER_IDS,
			'the ProviderId STS accepts with an access token: "www.amazon.com" or "graph.facebook.com"',
		),
		authorizationEndpoint: safeUrl("the provider's authorization endpoint"),
		tokenEndpoint: safeUrl("the provider's token endpoint"),
		profileEndpoint: safeUrl("the provider's profile endpoint"),
		tokenInfoEndpoint: v.optional(safeUrl("the provider's token information endpoint")),
		clientId: v.pipe(
			v.string('the OAuth client id registered at the provider'),
			v.nonEmpty('the OAuth client id registered at the provider'),
		),
		appId: v.optional(
			v.pipe(
				v.string("the provider's application id (www.amazon.com:app_id)"),
				v.nonEmpty("the provider's application id (www.amazon.com:app_id)"),
			),
		),
		scopes: v.pipe(
			v.string('space-separated scopes without "openid", such as "profile"'),
			v.trim(),
			v.nonEmpty('space-separated scopes without "openid", such as "profile"'),
			// With "openid" oidc-client-ts would expect an ID token, which an OAuth 2.0 provider does not send.
			v.check(
				(s) => !s.split(/\s+/).includes('openid'),
				'space-separated scopes without "openid", such as "profile"',
			),
		),
		roleArn: roleArn('arn:aws:iam::123456789012:role/fedplay-player-amazon'),
		dataSegment: v.pipe(
			v.string('the segment in the role\'s policy, such as "amazon"'),
			v.regex(
				DATA_SEGMENT,
				'the segment in the role\'s policy, such as "amazon": 1–32 lowercase letters, digits and dashes',
			),
		),
	},
	'an object with id, displayName, providerId, authorizationEndpoint, tokenEndpoint, profileEndpoint, clientId, scopes, roleArn and dataSegment',
);

/** An OAuth 2.0 provider the app signs in with and federates with `ProviderId` (README, "How it works"). */
export type OAuth2ProviderConfig = v.InferOutput<typeof OAuth2ProviderSchema>;

const RuntimeConfigDocument = v.object(
	{
		region: v.pipe(
			v.string('an AWS region such as "us-east-1"'),
			v.regex(REGION, 'an AWS region such as "us-east-1"'),
		),
		endpoint: v.optional(safeUrl('the AWS endpoint override')),
		accountId: v.optional(
			v.pipe(v.string('a 12-digit account id'), v.regex(ACCOUNT_ID, 'a 12-digit account id')),
		),
		durationSeconds: v.optional(integerBetween(900, 43_200), 3600),
		refreshThresholdSeconds: v.optional(integerBetween(0, 3600), 300),
		bucket: v.pipe(
			v.string('an S3 bucket name'),
			v.regex(BUCKET, 'an S3 bucket name (3–63 lowercase letters, digits, dots, dashes)'),
		),
		table: v.pipe(
			v.string('a DynamoDB table name'),
			v.regex(TABLE, 'a DynamoDB table name (3–255 letters, digits, _ . -)'),
		),
		// The role an organizer chains to from a player session (issue 16); absent: no tournament publishing.
		tournamentRoleArn: v.optional(roleArn('arn:aws:iam::123456789012:role/fedplay-tournament')),
		providers: v.pipe(
			v.array(ProviderSchema, 'a list of identity providers'),
			v.minLength(1, 'at least one identity provider'),
			unique<ProviderEntry>('id', 'an id no other provider uses'),
			unique<ProviderEntry>('dataSegment', 'a data segment no other provider uses'),
		),
		oauth2Providers: v.optional(
			v.pipe(
				v.array(OAuth2ProviderSchema, 'a list of OAuth 2.0 providers'),
				unique<OAuth2ProviderConfig>('id', 'an id no other provider uses'),
				unique<OAuth2ProviderConfig>('dataSegment', 'a data segment no other provider uses'),
			),
			[],
		),
	},
	'a JSON object with region, bucket, table and providers',
);

/** An OpenID Connect provider the app signs in with and federates directly (AssumeRoleWithWebIdentity). */
export type ProviderConfig = Omit<ProviderEntry, 'identityPoolId' | (typeof POOL_FIELDS)[number]>;

/** An Amazon Cognito identity pool over an OpenID provider (README, "Configuration"). */
export interface IdentityPoolConfig extends ProviderConfig {
	identityPoolId: string;
	flow: 'enhanced' | 'basic';
	loginsKey: string;
	allowGuests: boolean;
	guestRoleArn?: string;
}

/**
 * The document's `providers` list holds both kinds; the app reads them apart: `providers` are the direct
 * OpenID providers (one sign-in button each), `identityPools` the identity pool entries.
 */
type RuntimeConfigDocument = v.InferOutput<typeof RuntimeConfigDocument>;

/**
 * The runtime config as the app reads it. `identityPools` is optional in the type only so that configs built
 * in code before identity pools existed stay valid; parsing always sets it.
 */
export type RuntimeConfig = Omit<RuntimeConfigDocument, 'providers' | 'oauth2Providers'> & {
	providers: ProviderConfig[];
	identityPools?: IdentityPoolConfig[];
	/** The OAuth 2.0 providers (Login with Amazon); optional in the type only, parsing always sets it. */
	oauth2Providers?: OAuth2ProviderConfig[];
};

/**
 * Ids and data segments are unique across both lists too: an id names the stored session (a reload finds the
 * provider by it), a segment a namespace of players.
 */
const uniqueAcrossLists = v.rawCheck<RuntimeConfigDocument>(({ dataset, addIssue }) => {
	if (!dataset.typed) return;
	const { providers, oauth2Providers } = dataset.value;
	oauth2Providers.forEach((provider, index) => {
		for (const field of ['id', 'dataSegment'] as const) {
			if (!providers.some((p) => p[field] === provider[field])) continue;
			addIssue({
				message:
					field === 'id' ? 'an id no other provider uses' : 'a data segment no other provider uses',
				input: provider[field],
				path: [
					{
						type: 'object',
						origin: 'value',
						input: dataset.value,
						key: 'oauth2Providers',
						value: oauth2Providers,
					},
					{ type: 'array', origin: 'value', input: oauth2Providers, key: index, value: provider },
					{ type: 'object', origin: 'value', input: provider, key: field, value: provider[field] },
				],
			});
		}
	});
});

/**
 * The document's `providers` list holds both kinds; the app reads them apart: `providers` are the direct
 * OpenID providers (one sign-in button each), `identityPools` the identity pool entries.
 */
export const RuntimeConfigSchema = v.pipe(
	RuntimeConfigDocument,
	uniqueAcrossLists,
	v.transform(({ providers: entries, ...config }): RuntimeConfig => {
		const providers: ProviderConfig[] = [];
		const identityPools: IdentityPoolConfig[] = [];
		for (const {
			identityPoolId,
			flow,
			loginsKey,
			allowGuests,
			guestRoleArn,
			...provider
		} of entries) {
			if (identityPoolId === undefined) providers.push(provider);
			else
				identityPools.push({
					...provider,
					identityPoolId,
					flow: flow!,
					loginsKey: loginsKey!,
					allowGuests: allowGuests!,
					...(guestRoleArn === undefined ? {} : { guestRoleArn }),
				});
		}
		return { ...config, providers, identityPools };
	}),
);
