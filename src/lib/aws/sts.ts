/**
 * The app's STS calls, built like every other signed call (signed-call.ts). AssumeRoleWithWebIdentity is
 * unsigned: no AWS key ships with the app, and if anything ever asks it for credentials it fails loudly.
 * Loaded only after sign-in starts: a chunk of its own, outside the sign-in screen's byte budget.
 */
import {
	AssumeRoleCommand,
	AssumeRoleWithWebIdentityCommand,
	DecodeAuthorizationMessageCommand,
	GetCallerIdentityCommand,
	STSClient,
} from '@aws-sdk/client-sts';
import type { DeserializeMiddleware } from '@smithy/types';
import { AppError } from '../errors';
import { clientConfig, instrument, type AwsCallOptions } from './signed-call';

interface AssumeRoleWithWebIdentityInput {
	RoleArn: string;
	RoleSessionName: string;
	WebIdentityToken: string;
	DurationSeconds?: number;
	/** A scope-down session policy (JSON). */
	Policy?: string;
}

/** A signed AssumeRole (role chaining): the caller's session asks for another role. */
export interface AssumeRoleInput {
	RoleArn: string;
	RoleSessionName: string;
	DurationSeconds?: number;
	SourceIdentity?: string;
	Tags?: { Key: string; Value: string }[];
	TransitiveTagKeys?: string[];
}

/** STS's answer, in its own member names. */
export interface AssumeRoleWithWebIdentityOutput {
	Credentials?: {
		AccessKeyId?: string;
		SecretAccessKey?: string;
		SessionToken?: string;
		Expiration?: Date;
	};
	AssumedRoleUser?: { Arn?: string; AssumedRoleId?: string };
	SubjectFromWebIdentityToken?: string;
	Provider?: string;
	Audience?: string;
	PackedPolicySize?: number;
	/** The source identity the session carries (from the token's source_identity claim, or the chain's). */
	SourceIdentity?: string;
}

/** AssumeRole's answer: the same credentials and user, no web identity members. */
export type AssumeRoleOutput = Pick<
	AssumeRoleWithWebIdentityOutput,
	'Credentials' | 'AssumedRoleUser' | 'PackedPolicySize' | 'SourceIdentity'
>;

export interface StsCalls {
	assumeRoleWithWebIdentity(
		input: AssumeRoleWithWebIdentityInput,
	): Promise<AssumeRoleWithWebIdentityOutput>;
	/** Signed with the calling session's credentials: role chaining. */
	assumeRole(input: AssumeRoleInput): Promise<AssumeRoleOutput>;
	getCallerIdentity(): Promise<{ Account?: string; Arn?: string; UserId?: string }>;
	decodeAuthorizationMessage(encodedMessage: string): Promise<{ DecodedMessage?: string }>;
	destroy(): void;
}

const unsigned = () =>
	Promise.reject(new AppError('unknown', 'AssumeRoleWithWebIdentity must not be signed.'));

/**
 * Headers the SDK adds of its own (the retry middleware's invocation id and attempt count, the user agent
 * middleware's `x-amz-user-agent`): optional to AWS, but not CORS-safelisted, so a browser asks STS with a
 * preflight (OPTIONS) first. Without them the unsigned AssumeRoleWithWebIdentity — a form POST — is a CORS
 * simple request: one round trip fewer on the way from the sign-in callback to a playable game (issue 18).
 */
export const SDK_ONLY_HEADERS: readonly string[] = [
	'amz-sdk-invocation-id',
	'amz-sdk-request',
	'x-amz-user-agent',
];

/**
 * Drop SDK_ONLY_HEADERS from this command's request, on every attempt: placed after the deserializer, so
 * it runs once retries, the user agent and signing (none here: unsigned) have all had their turn, and before
 * the call log's wire record, which shows the request as sent. Signed calls keep their headers (they are
 * preflighted anyway: Authorization is not safelisted).
 */
function asCorsSimpleRequest(
	command: AssumeRoleWithWebIdentityCommand,
): AssumeRoleWithWebIdentityCommand {
	const strip: DeserializeMiddleware<object, object> = (next) => (args) => {
		const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers;
		if (headers) {
			for (const name of Object.keys(headers)) {
				if (SDK_ONLY_HEADERS.includes(name.toLowerCase())) delete headers[name];
			}
		}
		return next(args);
	};
	command.middlewareStack.addRelativeTo(strip as never, {
		relation: 'after',
		toMiddleware: 'deserializerMiddleware',
		name: 'fedplayCorsSimpleRequest',
		override: true,
	});
	return command;
}

/** STS calls; without `credentials` only the unsigned AssumeRoleWithWebIdentity can be made. */
export function createStsCalls(
	options: Omit<AwsCallOptions, 'credentials'> & Partial<Pick<AwsCallOptions, 'credentials'>>,
): StsCalls {
	const signed = { ...options, credentials: options.credentials ?? unsigned };
	const client = new STSClient({ ...clientConfig(signed), maxAttempts: options.maxAttempts ?? 3 });
	instrument(client, signed);
	return {
		assumeRoleWithWebIdentity: (input) =>
			client.send(asCorsSimpleRequest(new AssumeRoleWithWebIdentityCommand(input))),
		assumeRole: (input) => client.send(new AssumeRoleCommand(input)),
		getCallerIdentity: () => client.send(new GetCallerIdentityCommand({})),
		decodeAuthorizationMessage: (EncodedMessage) =>
			client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage })),
		destroy: () => client.destroy(),
	};
}
