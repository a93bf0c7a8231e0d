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

const ProviderSchema = v.object(
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
		roleArn: v.pipe(
			v.string('a role ARN like arn:aws:iam::123456789012:role/fedplay-player'),
			v.regex(ROLE_ARN, 'a role ARN like arn:aws:iam::123456789012:role/fedplay-player'),
		),
		// Required, never defaulted: it must be the literal in the role's policy (the template's
		// <Role>DataSegment output), and a guess could point two providers at one folder.
		dataSegment: v.pipe(
			v.string('the segment in the role\'s policy, such as "oidc1"'),
			v.regex(
				DATA_SEGMENT,
				'the segment in the role\'s policy, such as "oidc1": 1–32 lowercase letters, digits and dashes',
			),
		),
	},
	'an object with id, displayName, issuer, clientId, scopes, roleArn and dataSegment',
);

/**
 * A provider field whose values must not repeat: ids name the sign-in buttons and the stored sessions;
 * data segments keep each provider's players apart (one segment for two providers is one namespace).
 */
const unique = (field: 'id' | 'dataSegment', message: string) =>
	v.rawCheck<v.InferOutput<typeof ProviderSchema>[]>(({ dataset, addIssue }) => {
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

export const RuntimeConfigSchema = v.object(
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
		providers: v.pipe(
			v.array(ProviderSchema, 'a list of identity providers'),
			v.minLength(1, 'at least one identity provider'),
			unique('id', 'an id no other provider uses'),
			unique('dataSegment', 'a data segment no other provider uses'),
		),
	},
	'a JSON object with region, bucket, table and providers',
);

export type RuntimeConfig = v.InferOutput<typeof RuntimeConfigSchema>;
export type ProviderConfig = RuntimeConfig['providers'][number];
