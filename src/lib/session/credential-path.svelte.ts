/**
 * Which path took the player to their AWS credentials, as the identity strip names it. Told from the
 * session's facts (the provider entry, the assumed role) unless the sign-in flow of a path says it outright
 * with `credentialPath.tell` (Cognito, guests, OAuth 2.0 and role chaining each know which one they took).
 */

/** The ways to AWS credentials (DESIGN.md, "Credential sources"). */
export type CredentialPathId =
	'direct' | 'oauth' | 'cognito' | 'cognito-basic' | 'guest' | 'chained';

export const CREDENTIAL_PATH_LABELS: Record<CredentialPathId, string> = {
	direct: 'Direct to STS',
	oauth: 'OAuth 2.0',
	cognito: 'Cognito',
	'cognito-basic': 'Cognito, basic flow',
	guest: 'Cognito guest',
	chained: 'Chained role',
};

/** The facts a path is told from; every field is optional, so any session shape fits. */
export interface PathFacts {
	/** The provider entry; an identity pool entry carries `identityPoolId` and its `flow`. */
	provider?: object | null;
	assumedRoleArn?: string | null;
	/** The Amazon Cognito identity, when the credentials came through an identity pool. */
	pool?: { identityId: string | null; guest: boolean; flow: string | null } | null;
}

/** The path the facts point to; `direct` (an OIDC ID token straight to STS) when nothing says otherwise. */
export function pathFromFacts(facts: PathFacts): CredentialPathId {
	const pool = facts.pool;
	if (pool?.identityId) {
		if (pool.guest) return 'guest';
		return pool.flow === 'basic' ? 'cognito-basic' : 'cognito';
	}
	const provider = (facts.provider ?? {}) as {
		identityPoolId?: unknown;
		flow?: unknown;
		providerId?: unknown;
	};
	if (provider.identityPoolId) return provider.flow === 'basic' ? 'cognito-basic' : 'cognito';
	// An OAuth 2.0 entry (config.json `oauth2Providers`) names STS's ProviderId.
	if (provider.providerId) return 'oauth';
	return 'direct';
}

class CredentialPath {
	#told = $state.raw<CredentialPathId | null>(null);

	/** The path a sign-in flow said it took, or null. */
	get told() {
		return this.#told;
	}

	/** A sign-in flow names its path (before or as the session becomes ready). */
	tell(path: CredentialPathId): void {
		this.#told = path;
	}

	/** The path for these facts: what a flow told, else what the facts show. */
	of(facts: PathFacts): { id: CredentialPathId; label: string } {
		const id = this.#told ?? pathFromFacts(facts);
		return { id, label: CREDENTIAL_PATH_LABELS[id] };
	}

	reset(): void {
		this.#told = null;
	}
}

/** The one credential path of the page; reset with the session at sign-out. */
export const credentialPath = new CredentialPath();
