/**
 * A denial in the addressed service's words. The message follows the IAM User Guide, "Troubleshoot access
 * denied error messages" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 * `User: <arn> is not authorized to perform: <action> on resource: <arn> because no <type> policy allows the
 * <action> action`. S3 quotes the resource and answers 403 `AccessDenied`, e.g. as seen in the wild
 * (aws-ia/terraform-aws-bedrock#41): `… s3:GetObject on resource: "arn:aws:s3:::test-s3-docs/Amazon-2021-
 * Annual-Report.pdf" because no identity-based policy allows the s3:GetObject action`. DynamoDB does not
 * quote it and answers HTTP 400 `AccessDeniedException` (AntonShuvaev/intellij-dynamodb#29:
 * `… dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:…:table/… because no identity-based policy
 * allows the dynamodb:Query action`).
 */
import { formatAccessDeniedMessage } from '../../src/lib/iam';
import type { AuthzRequest, Decision } from '../../src/lib/iam/types';
import { AwsError } from '../errors';

export type StorageService = 's3' | 'dynamodb';

export interface DenialOptions {
	/** Append `Encoded authorization failure message: <blob>` (as EC2 does). */
	encode?: (payload: AuthorizationFailure) => string;
	/** `AROA…:SESSION`, the principal id in the decoded message. */
	principalId: string;
}

/** The decoded shape of an encoded authorization failure message, as `sts:DecodeAuthorizationMessage` returns it. */
export interface AuthorizationFailure {
	allowed: false;
	explicitDeny: boolean;
	matchedStatements: {
		items: { statementId: string; effect: 'DENY'; policy: string; policyType: string }[];
	};
	failures: { items: never[] };
	context: {
		principal: { id: string; arn: string };
		action: string;
		resource: string;
		conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
	};
}

/** The AwsError to answer a denied request with. */
export function denialError(
	service: StorageService,
	request: AuthzRequest,
	decision: Decision,
	options: DenialOptions,
): AwsError {
	let message = formatAccessDeniedMessage(request, decision, { quoteResource: service === 's3' });
	if (options.encode !== undefined) {
		message += ` Encoded authorization failure message: ${options.encode(authorizationFailure(request, decision, options.principalId))}`;
	}
	return service === 's3'
		? new AwsError('AccessDenied', 403, message)
		: new AwsError('AccessDeniedException', 400, message);
}

/** What AWS's decoded message carries: the decision, the deciding Deny (if explicit) and the request context. */
export function authorizationFailure(
	request: AuthzRequest,
	decision: Decision,
	principalId: string,
): AuthorizationFailure {
	const deny = decision.denyKind === 'explicit' ? decision.decidingStatement : null;
	return {
		allowed: false,
		explicitDeny: decision.denyKind === 'explicit',
		matchedStatements: {
			items:
				deny === null
					? []
					: [
							{
								statementId: deny.sid ?? String(deny.index),
								effect: 'DENY',
								policy: deny.policy,
								policyType: deny.policyType,
							},
						],
		},
		failures: { items: [] },
		context: {
			principal: { id: principalId, arn: request.principal },
			action: request.action,
			resource: request.resource,
			conditions: {
				items: Object.entries(request.context).map(([key, value]) => ({
					key,
					values: { items: [value].flat().map((v) => ({ value: v })) },
				})),
			},
		},
	};
}
