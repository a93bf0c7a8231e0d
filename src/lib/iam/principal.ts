/**
 * Principal / NotPrincipal, after the IAM User Guide "AWS JSON policy elements: Principal": `*` is everyone;
 * `AWS` names an account (`123456789012` or `arn:aws:iam::123456789012:root`, meaning any principal in it), a
 * role (matching its sessions) or an exact ARN; `Federated` the identity provider; `Service` a service principal.
 * Wildcards are not allowed inside principal names, so everything else is compared exactly.
 */
import type { CompiledPrincipal } from './compile';
import type { AuthzRequest } from './types';

/**
 * How a statement's Principal (or NotPrincipal) covers the caller: not at all, by naming it (the caller, its role,
 * its provider or service, or everyone), or only by naming its account. Naming an account delegates to that
 * account's IAM (IAM User Guide, "AWS JSON policy elements: Principal", AWS account principals): the caller must
 * also be allowed by its own identity-based policies.
 */
export type PrincipalMatch = 'none' | 'named' | 'account';

export function principalMatch(
	principal: CompiledPrincipal,
	request: AuthzRequest,
): PrincipalMatch {
	let best: PrincipalMatch = principal.any ? 'named' : 'none';
	for (const [kind, ids] of principal.ids) {
		for (const id of ids) {
			const match = covers(kind, id, request);
			if (match === 'named') best = 'named';
			else if (match === 'account' && best === 'none') best = 'account';
		}
	}
	// NotPrincipal covers everyone it does not name, each of them directly.
	if (principal.negated) return best === 'none' ? 'named' : 'none';
	return best;
}

/** True when the statement's Principal (or NotPrincipal) covers the caller at all. */
export function principalMatches(principal: CompiledPrincipal, request: AuthzRequest): boolean {
	return principalMatch(principal, request) !== 'none';
}

function covers(kind: string, id: string, request: AuthzRequest): PrincipalMatch {
	switch (kind) {
		case 'AWS':
			return coversAws(id, request.principal);
		case 'Federated':
			return id === request.principalFederated ? 'named' : 'none';
		case 'Service':
			return id === request.principalService ? 'named' : 'none';
		default:
			// CanonicalUser identifies S3 account owners, which never call here.
			return 'none';
	}
}

function coversAws(id: string, caller: string): PrincipalMatch {
	if (id === '*' || id === caller) return 'named';
	const [, partition, , , account, resource = ''] = caller.split(':');
	if (/^\d{12}$/.test(id)) return id === account ? 'account' : 'none';
	if (id === `arn:${partition}:iam::${account}:root`) return 'account';
	// A role ARN (with or without a path) covers the sessions of that role.
	const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(id);
	if (!role) return 'none';
	const [, rolePartition, roleAccount, roleName] = role;
	const named =
		rolePartition === partition &&
		roleAccount === account &&
		caller.startsWith(`arn:${partition}:sts::`) &&
		resource.startsWith(`assumed-role/${roleName}/`);
	return named ? 'named' : 'none';
}
