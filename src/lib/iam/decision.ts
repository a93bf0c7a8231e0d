/** The `Decision` values evaluate.ts returns, each with its reason in AWS's words (message.ts). */
import { allowReason, explicitDenyReason, implicitDenyReason, noPermissionReason } from './message';
import type { Decision, PolicyType, StatementMatch } from './types';

export function explicitDeny(statement: StatementMatch, evaluated: StatementMatch[]): Decision {
	const by = statement.policyType;
	return {
		decision: 'deny',
		denyKind: 'explicit',
		deniedBy: by,
		decidingStatement: statement,
		evaluated,
		reason: explicitDenyReason(by),
	};
}

export function implicitDeny(
	by: PolicyType,
	action: string,
	evaluated: StatementMatch[],
): Decision {
	return {
		decision: 'deny',
		denyKind: 'implicit',
		deniedBy: by,
		decidingStatement: null,
		evaluated,
		reason: implicitDenyReason(by, action),
	};
}

export function allow(statement: StatementMatch, evaluated: StatementMatch[]): Decision {
	return {
		decision: 'allow',
		denyKind: null,
		deniedBy: null,
		decidingStatement: statement,
		evaluated,
		reason: allowReason(statement),
	};
}

/** An action AWS performs for any authenticated caller: no statement decides, not even a Deny. */
export function allowWithoutPolicy(action: string, evaluated: StatementMatch[]): Decision {
	return {
		decision: 'allow',
		denyKind: null,
		deniedBy: null,
		decidingStatement: null,
		evaluated,
		reason: noPermissionReason(action),
	};
}
