/**
 * Principal / NotPrincipal, after the IAM User Guide "IAM JSON policy elements: Principal", and how a match
 * counts (types.ts `PrincipalMatch`): `*` is everyone; `AWS` names an account (`123456789012` or
 * `arn:aws:iam::123456789012:root` — "This delegates authority to the account"), a role (matching its sessions,
 * through the role), or the caller's own ARN; `Federated` the identity provider; `Service` a service principal.
 * Wildcards are not allowed inside principal names, so everything else is compared exactly.
 */
import type { CompiledPrincipal } from './compile';
import type { AuthzRequest, PrincipalMatch } from './types';

const STRENGTH: Record<PrincipalMatch, number> = { account: 1, role: 2, direct: 3 };

/** How the statement's Principal (or NotPrincipal) covers the caller; null when it does not. */
export function principalMatch(
	principal: CompiledPrincipal,
	request: AuthzRequest,
	effect: 'Allow' | 'Deny',
): PrincipalMatch | null {
	let named: PrincipalMatch | null = principal.any ? 'direct' : null;
	for (const [kind, ids] of principal.ids) {
		for (const id of ids) {
			const match = covers(kind, id, request);
			if (match && (!named || STRENGTH[match] > STRENGTH[named])) named = match;
		}
	}
	if (!principal.negated) return named;
	if (principal.incomplete) return null;
	// NotPrincipal. AWS "might validate the account first, then the role, and then the assumed-role user", so
	// the guide lists all three to exempt a session from a Deny. The sandbox reads that strictly: only the
	// caller's own ARN exempts it from a Deny, while naming its role or account already keeps it out of an Allow.
	const exempt = effect === 'Deny' ? named === 'direct' : named !== null;
	return exempt ? null : 'direct';
}

function covers(kind: string, id: string, request: AuthzRequest): PrincipalMatch | null {
	switch (kind) {
		case 'AWS':
			return coversAws(id, request.principal);
		case 'Federated':
			return id === request.principalFederated ? 'direct' : null;
		case 'Service':
			return id === request.principalService ? 'direct' : null;
		default:
			// CanonicalUser identifies S3 account owners, which never call here.
			return null;
	}
}

interface Caller {
	partition: string;
	account: string;
	/** For a role session: the role's name. */
	roleName?: string;
}

/** An AWS principal's ARN: an assumed-role or federated-user session, an IAM user, or the account root. */
function awsCaller(arn: string): Caller | null {
	const [prefix, partition = '', service, region, account = '', resource = ''] = arn.split(':');
	if (prefix !== 'arn' || region !== '' || !/^\d{12}$/.test(account)) return null;
	if (service === 'sts') {
		const [type, roleName, session] = resource.split('/');
		if (type === 'assumed-role' && roleName && session) return { partition, account, roleName };
		return type === 'federated-user' ? { partition, account } : null;
	}
	const iam = service === 'iam' && (resource === 'root' || resource.startsWith('user/'));
	return iam ? { partition, account } : null;
}

function coversAws(id: string, callerArn: string): PrincipalMatch | null {
	// A web identity or a service calling is no AWS principal: `AWS` names none of them, not even `*`.
	const caller = awsCaller(callerArn);
	if (!caller) return null;
	const { partition, account, roleName } = caller;
	if (id === '*' || id === callerArn) return 'direct';
	if (id === account || id === `arn:${partition}:iam::${account}:root`) return 'account';
	// A role ARN (with or without a path) covers the sessions of that role.
	const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(id);
	if (!role || roleName === undefined) return null;
	const [, rolePartition, roleAccount, name] = role;
	return rolePartition === partition && roleAccount === account && name === roleName
		? 'role'
		: null;
}
