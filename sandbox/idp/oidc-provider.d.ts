/**
 * The slice of node-oidc-provider v9 that the sandbox IdP uses. The package ships no types and
 * `@types/oidc-provider` would be one more dependency, so only what `sandbox/idp/` touches is declared;
 * configuration stays a loose record because oidc-provider validates it itself at construction.
 */
declare module 'oidc-provider' {
	import type { IncomingMessage, ServerResponse } from 'node:http';

	/** The Koa context oidc-provider hands to `renderError`, `logoutSource` and friends. */
	export interface KoaContextWithOIDC {
		type: string;
		body: unknown;
		status: number;
		host: string;
		set(field: string, value: string): void;
		oidc: {
			provider: Provider;
			route?: string;
			client?: { clientId: string; clientName?: string };
			session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
			result?: { consent?: { grantId?: string } };
			params?: Record<string, unknown>;
		};
	}

	export interface Account {
		accountId: string;
		claims(use: string, scope: string): Promise<Record<string, unknown>>;
	}

	export interface Interaction {
		uid: string;
		prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
		params: Record<string, unknown>;
		session?: { accountId: string; uid: string };
		grantId?: string;
		returnTo: string;
	}

	export interface InteractionResults {
		login?: { accountId: string; remember?: boolean };
		consent?: { grantId: string };
		error?: string;
		error_description?: string;
	}

	export interface Grant {
		readonly jti: string;
		accountId?: string;
		clientId?: string;
		addOIDCScope(scope: string): void;
		addOIDCClaims(claims: string[]): void;
		save(): Promise<string>;
	}

	export interface GrantConstructor {
		new (properties: { accountId: string; clientId: string }): Grant;
		find(id: string): Promise<Grant | undefined>;
	}

	export interface ClientPrototype {
		clientId: string;
		redirectUriAllowed(value: string): boolean;
		postLogoutRedirectUriAllowed(value: string): boolean;
	}

	export type Configuration = Record<string, unknown>;

	export class Provider {
		constructor(issuer: string, configuration?: Configuration);
		readonly issuer: string;
		readonly Grant: GrantConstructor;
		readonly Client: { prototype: ClientPrototype };
		callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
		interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
		interactionFinished(
			req: IncomingMessage,
			res: ServerResponse,
			result: InteractionResults,
			options?: { mergeWithLastSubmission?: boolean },
		): Promise<void>;
		use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): this;
		on(event: string, listener: (ctx: KoaContextWithOIDC, error: Error) => void): this;
	}

	type OIDCError = Error & { error: string; error_description?: string; status: number };
	export const errors: {
		OIDCProviderError: new (status: number, message: string) => OIDCError;
		SessionNotFound: new (description?: string) => OIDCError;
	};

	export default Provider;
}
