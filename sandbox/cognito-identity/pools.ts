/**
 * The identity pools the sandbox serves: exactly those of the template (`AWS::Cognito::IdentityPool`), with
 * the OpenID Connect providers they federate resolved to the template's IAM OIDC providers, keyed as Cognito
 * keys them in `Logins`: the issuer without `https://` (`localhost:4000`, `accounts.google.com`).
 */
import { AwsError } from '../errors';
import type { IdentityPoolInfo, OidcProviderInfo, SandboxInfra } from '../infra';

export interface IdentityPool extends IdentityPoolInfo {
	/** The OIDC providers it federates, by their Logins key. */
	loginProviders: Map<string, OidcProviderInfo>;
}

/** A provider's Logins key: its issuer URL without the scheme (AWS-FACTS.md, "Policy variables"). */
export function loginsKeyOf(provider: OidcProviderInfo): string {
	return provider.url.replace(/^https?:\/\//, '');
}

export class IdentityPools {
	readonly #pools: IdentityPool[];

	constructor(infra: SandboxInfra) {
		this.#pools = infra.identityPools.map((pool) => ({
			...pool,
			loginProviders: new Map(
				pool.openIdConnectProviderArns.map((arn) => {
					const provider = infra.oidcProviders.find((p) => p.arn === arn);
					if (!provider)
						throw new Error(`${pool.logicalId}: no IAM OIDC provider ${arn} in the template`);
					return [loginsKeyOf(provider), provider];
				}),
			),
		}));
	}

	/** Every pool, in template order. */
	all(): readonly IdentityPool[] {
		return this.#pools;
	}

	/**
	 * The pool `id` names. An unknown one — another account's, another region's (this endpoint is one region's,
	 * as each of Cognito's is), a deleted one — is Cognito's `ResourceNotFoundException`.
	 */
	get(id: string): IdentityPool {
		const pool = this.#pools.find((p) => p.id === id);
		if (!pool)
			throw new AwsError('ResourceNotFoundException', 400, `IdentityPool '${id}' not found.`);
		return pool;
	}
}
