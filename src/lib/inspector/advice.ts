import { AWS_ERROR_WORDS, awsErrorMeaning, awsErrorWords } from '../aws/error-text';
import { clockOffset, formatDuration, tokenExpiredFor } from './times';
import type { ErrorCategory } from './types';

/** What the advice for non-denial categories can draw on. */
interface AdviceFacts {
	code: string | null;
	text: string;
	requestTime: string | null;
	serverTime: string | null;
}

type Advice = { summary: string; hints: string[] };

function clockAdvice(facts: AdviceFacts): Advice {
	const offset = clockOffset(facts.text, facts.requestTime, facts.serverTime);
	const by = offset === null ? null : formatDuration(offset);
	const direction = offset === null ? '' : offset > 0 ? ' ahead of' : ' behind';
	return {
		summary: by
			? `The request was signed with a time ${by}${direction} AWS's clock; AWS allows 15 minutes (5 for some services).`
			: "The request's signing time is too far from AWS's clock (more than the 15 minutes allowed).",
		hints: [
			by
				? `Your device clock is about ${by}${direction.replace(' of', '')}: set it to synchronise automatically, then retry.`
				: 'Check that your device clock is set automatically, then retry.',
			'The SDK corrects for skew after one failed attempt (systemClockOffset); repeated failures mean the clock keeps drifting.',
		],
	};
}

/**
 * The OAuth 2.0 path's InvalidIdentityToken answers (AssumeRoleWithWebIdentity with `ProviderId`): a
 * `ProviderId` STS does not support, and an access token sent without one (STS then reads it as an ID token).
 */
function accessTokenAdvice(text: string): Advice | null {
	if (text.includes('not an oauth 2.0 identity provider') || text.includes('providerid')) {
		return {
			summary:
				'The ProviderId sent with the access token is not one STS supports: only www.amazon.com and graph.facebook.com, for OAuth 2.0 access tokens.',
			hints: [
				'Write the ProviderId without a URL scheme or port (www.amazon.com, not https://www.amazon.com).',
				'Leave ProviderId out for an OpenID Connect ID token: STS checks those itself against the IAM OIDC provider.',
			],
		};
	}
	if (text.includes('not a valid jwt') || text.includes('access token')) {
		return {
			summary:
				'STS read the token as an OpenID Connect ID token and it is not a JWT: an OAuth 2.0 access token (Login with Amazon) was sent without ProviderId.',
			hints: [
				'Send ProviderId www.amazon.com (or graph.facebook.com) with an access token; STS then asks that provider about it.',
				'For an OpenID provider, send its ID token, not its access token.',
			],
		};
	}
	return null;
}

function identityTokenAdvice(facts: AdviceFacts): Advice {
	const text = facts.text.toLowerCase();
	const oauth2 = accessTokenAdvice(text);
	if (oauth2) return oauth2;
	if (text.includes('no openidconnect provider found')) {
		const issuer =
			/provider found in your account for (\S+)/i.exec(facts.text)?.[1] ?? 'the issuer';
		return {
			summary: `STS found no IAM OIDC identity provider for ${issuer} in the role's account.`,
			hints: [
				`Create an IAM OIDC identity provider whose URL is exactly the token's iss (${issuer}, including any path; no trailing slash difference).`,
				'Check that the role ARN points at the account that holds the provider.',
			],
		};
	}
	if (text.includes('audience') || text.includes('claim: aud')) {
		return {
			summary:
				"The ID token's audience (aud) is not one of the client IDs registered on the IAM OIDC provider.",
			hints: [
				"Add the app's OAuth client id to the IAM OIDC provider's audiences (client ID list).",
				"Check the app requests the token for that client id: the token's aud must match.",
			],
		};
	}
	if (text.includes('verification key')) {
		return {
			summary: "STS could not fetch the identity provider's signing keys to verify the ID token.",
			hints: [
				"The issuer's /.well-known/openid-configuration and its jwks_uri must be reachable by AWS over public HTTPS.",
				'This is sometimes transient: retry after a few seconds.',
			],
		};
	}
	return {
		summary:
			'STS could not validate the ID token (signature, issuer, audience or a required claim).',
		hints: [
			'Sign in again to get a fresh ID token.',
			"Check the token's iss, aud and sub against the IAM OIDC provider and the role trust policy.",
		],
	};
}

function expiredIdentityTokenAdvice(facts: AdviceFacts): Advice {
	const late = tokenExpiredFor(facts.text);
	return {
		summary:
			late !== null && late > 0
				? `The ID token had expired ${formatDuration(late)} before STS received it.`
				: 'The ID token sent to AssumeRoleWithWebIdentity had expired.',
		hints: [
			'Sign in again (or renew silently) to get a fresh ID token, then re-assume the role.',
			'If this happens right after sign-in, check the device clock.',
		],
	};
}

function providerAdvice(facts: AdviceFacts): Advice {
	if (/communication/i.test(facts.code ?? '') || /could not be reached/i.test(facts.text)) {
		return {
			summary: 'STS could not reach the identity provider to verify the token.',
			hints: [
				'This is usually transient: retry in a few seconds.',
				'If it persists, the provider may be down.',
			],
		};
	}
	// What STS says when an OAuth 2.0 provider refuses the access token (its token information endpoint).
	const refusal = /^([\w.-]+): \1 responded with HTTP\/1\.1 (\d{3})/.exec(facts.text);
	if (refusal) {
		return {
			summary: `${refusal[1]} said the access token is not valid (HTTP ${refusal[2]}): it has expired (Login with Amazon's last an hour), was revoked, or is not one of its tokens.`,
			hints: [
				`Sign in with ${refusal[1] === 'www.amazon.com' ? 'Login with Amazon' : refusal[1]} again for a new access token.`,
				'An access token gives no refresh token here: the session ends with its AWS credentials.',
			],
		};
	}
	return {
		summary: 'The identity provider rejected the token when STS checked it.',
		hints: [
			'Sign in again to get a new token.',
			'Check the app is still authorised at the provider.',
		],
	};
}

/** The one line error-text.ts gives `code`, where a category's advice says the same (one copy of the words). */
const meaningOf = (code: string): string => AWS_ERROR_WORDS[code]!.meaning;

const FIXED: Partial<Record<ErrorCategory, Advice>> = {
	'expired-credentials': {
		summary: 'The temporary AWS credentials (the session token) have expired.',
		hints: [
			'Sign in again, or let the app re-assume the role: it refreshes credentials before Credentials.Expiration.',
			'If fresh credentials expire at once, check the device clock.',
		],
	},
	'invalid-credentials': {
		summary: meaningOf('InvalidAccessKeyId'),
		hints: [
			'Sign out and in again to get new temporary credentials.',
			'Temporary keys (ASIA…) only work together with their X-Amz-Security-Token, against the endpoint and partition that issued them.',
		],
	},
	'signature-mismatch': {
		summary: meaningOf('SignatureDoesNotMatch'),
		hints: [
			'Check that the secret key belongs to the access key, and that region and endpoint are right.',
			'A proxy or browser extension must not change signed headers, the path or the body.',
		],
	},
	throttling: {
		summary: meaningOf('Throttling'),
		hints: [
			'Retry with exponential backoff; the SDK already retries a few times.',
			'For DynamoDB provisioned capacity, raise capacity or switch the table to on-demand.',
		],
	},
	network: {
		summary: 'The request got no HTTP answer: offline, unreachable endpoint, or blocked by CORS.',
		hints: [
			'Check the network connection and the AWS endpoint in config.json.',
			'In the browser console, a CORS error means the endpoint must allow this origin and expose x-amz-request-id and ETag.',
		],
	},
	unknown: {
		summary: 'The request failed for a reason the inspector does not recognise.',
		hints: ['Look at the raw (redacted) response in the call log.'],
	},
};

/** Summary and hints for every category except access-denied (see advice-denied.ts). */
export function adviceFor(category: ErrorCategory, facts: AdviceFacts): Advice {
	const words = awsErrorWords(facts.code, facts.text);
	if (words?.signIn && (words.precise || category === 'identity-pool')) {
		return { summary: words.meaning, hints: [words.signIn.hint] };
	}
	if (category === 'clock-skew') return clockAdvice(facts);
	if (category === 'invalid-identity-token') return identityTokenAdvice(facts);
	if (category === 'expired-identity-token') return expiredIdentityTokenAdvice(facts);
	if (category === 'provider-error') return providerAdvice(facts);
	const known = awsErrorMeaning(facts.code);
	if (!FIXED[category] && known !== null) {
		return {
			summary: known,
			hints: ['Look at the raw (redacted) response in the call log.'],
		};
	}
	const fixed = FIXED[category] ?? FIXED.unknown;
	return { summary: fixed?.summary ?? '', hints: [...(fixed?.hints ?? [])] };
}
