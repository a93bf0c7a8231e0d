import type { PolicySet } from '../iam';
import type { CallLogEntry } from '../aws/call-log';
import { explainDenial, type DenialExplanation } from './explain-denial';
import { playerOf, requestContextOf, type SessionIdentity } from './request-context';

/**
 * For one failed call of the app's own: the same request rebuilt from the logged wire request and
 * re-evaluated against the session's known policies (explain-denial.ts). Only access denials of S3 and
 * DynamoDB calls with a logged request can be rebuilt; everything else gets `[]`.
 */

export interface EntryDenial {
	action: string;
	resource: string;
	explanation: DenialExplanation;
}

export function explainEntryDenial(
	entry: CallLogEntry,
	identity: SessionIdentity | null,
	policies: PolicySet,
): EntryDenial[] {
	if (entry.ok || entry.error?.category !== 'access-denied' || !identity) return [];
	if (policies.identity.length === 0) return [];
	const requests = requestContextOf(entry, identity);
	const player = playerOf(identity) ?? undefined;
	const explained = requests.map((request) => ({
		action: request.action,
		resource: request.resource,
		explanation: explainDenial(request, policies, player ? { player } : {}),
	}));
	// The denied part of a multi-item request is the part that explains it.
	const denied = explained.filter((e) => e.explanation.decision.decision !== 'allow');
	return denied.length > 0 ? denied : explained;
}
