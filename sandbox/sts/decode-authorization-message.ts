import { evaluate, formatAccessDeniedMessage, type AuthzRequest } from '../../src/lib/iam';
import { AwsError } from '../errors';
import { policySetFor, type SandboxInfra } from '../infra';
import type { TemporarySession } from '../sessions';
import type { AuthorizationMessageCodec } from './authorization-message';
import type { XmlValue } from './query';
import { validateMembers } from './validation';

/** DecodeAuthorizationMessage: the caller's policies must allow it; only this sandbox's messages open. */
export function decodeAuthorizationMessageAction(
	params: Map<string, string>,
	session: TemporarySession,
	infra: SandboxInfra,
	context: AuthzRequest['context'],
	codec: AuthorizationMessageCodec,
): Record<string, XmlValue> {
	validateMembers(params, {
		EncodedMessage: {
			member: 'encodedMessage',
			required: true,
			minLength: 1,
			maxLength: 10240,
			sensitive: true,
		},
	});
	const request: AuthzRequest = {
		principal: session.assumedRoleArn,
		action: 'sts:DecodeAuthorizationMessage',
		resource: '*',
		context,
	};
	const decision = evaluate(request, policySetFor(infra, session));
	if (decision.decision !== 'allow') {
		throw new AwsError('AccessDenied', 403, formatAccessDeniedMessage(request, decision));
	}
	const decoded = codec.decode(params.get('EncodedMessage')!);
	if (decoded === null) {
		throw new AwsError(
			'InvalidAuthorizationMessageException',
			400,
			'The encoded message is not valid.',
		);
	}
	return { DecodedMessage: decoded };
}
