/**
 * Principal / NotPrincipal, after the IAM User Guide "AWS JSON policy elements: Principal": `*` is everyone;
 * `AWS` names an account (`123456789012` or `arn:aws:iam::123456789012:root`, meaning any principal in it), a
 * role (matching its sessions) or an exact ARN; `Federated` the identity provider; `Service` a service principal.
 * Wildcards are not allowed inside principal names, so everything else is compared exactly.
 */
import type { CompiledPrincipal } from './compile';
import type { AuthzRequest } from './types';

/** True when the statement's Principal (or NotPrincipal) covers the caller. */
export function principalMatches(principal: CompiledPrincipal, request: AuthzRequest): boolean {
	const named =
		principal.any ||
		[...principal.ids].some(([kind, ids]) => ids.some((id) => covers(kind, id, request)));
	return principal.negated ? !named : named;
}

function covers(kind: string, id: string, request: AuthzRequest): boolean {
	switch (kind) {
		case 'AWS':
			return coversAws(id, request.principal);
		case 'Federated':
			return id === request.principalFederated;
		case 'Service':
			return id === request.principalService;
		default:
			// CanonicalUser identifies S3 account owners, which never call here.
			return false;
	}
}

function coversAws(id: string, caller: string): boolean {
	if (id === '*' || id === caller) return true;
	const [, partition, , , account, resource = ''] = caller.split(':');
	if (/^\d{12}$/.test(id)) return id === account;
	if (id === `arn:${partition}:iam::${account}:root`) return true;
	// A role ARN (with or without a path) covers the sessions of that role.
	const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(id);
	if (!role) return false;
	const [, rolePartition, roleAccount, roleName] = role;
	return (
		rolePartition === partition &&
		roleAccount === account &&
		caller.startsWith(`arn:${partition}:sts::`) &&
		resource.startsWith(`assumed-role/${roleName}/`)
	);
}
