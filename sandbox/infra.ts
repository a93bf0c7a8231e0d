import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePolicy } from '../src/lib/iam';
import type { NamedPolicy, PolicySet } from '../src/lib/iam';
import {
	readTemplate,
	type TableDefinition,
	type TemplateOidcProvider,
	type TemplateRole,
} from '../src/lib/infra/template-reader';
import type { Template, TemplateValues } from '../src/lib/infra/template-resolver';

/**
 * Loads the production CloudFormation template (`infra/fedplay.template.json`) with sandbox values, so the
 * sandbox enforces the very policy documents that deploy (read by src/lib/infra/template-reader.ts, as the
 * inspector reads them). Only the intrinsic functions the template uses are resolved; anything else is an
 * error, never silently skipped.
 */

export const TEMPLATE_PATH = fileURLToPath(
	new URL('../infra/fedplay.template.json', import.meta.url),
);

export type { TableDefinition };
export type OidcProviderInfo = TemplateOidcProvider;

export interface InfraOptions extends TemplateValues {
	/** Another template, for tests. */
	templatePath?: string;
}

/** A template role with its policies parsed: what the sandbox's STS and gateway decide with. */
export interface RoleInfo extends Omit<TemplateRole, 'trustPolicy' | 'permissionPolicies'> {
	trustPolicy: NamedPolicy;
	permissionPolicies: NamedPolicy[];
}

export interface SandboxInfra {
	accountId: string;
	region: string;
	oidcProviders: OidcProviderInfo[];
	roles: RoleInfo[];
	bucketName: string;
	tableName: string;
	/** The table's shape as CreateTable input (the gateway creates it in dynalite from this). */
	tableDefinition: TableDefinition;
}

/** Reads and resolves the template. Throws on unknown intrinsics, missing parameters or bad policies. */
export function loadInfra(options: InfraOptions): SandboxInfra {
	const template = JSON.parse(
		readFileSync(options.templatePath ?? TEMPLATE_PATH, 'utf8'),
	) as Template;
	const { oidcProviders, roles, tables } = readTemplate(template, {
		...options,
		stackName: 'fedplay-sandbox',
	});
	if (tables.length !== 1)
		throw new Error(`expected one AWS::DynamoDB::Table, found ${tables.length}`);
	return {
		accountId: options.accountId,
		region: options.region,
		oidcProviders,
		roles: roles.map(parsedRole),
		bucketName: options.bucketName,
		tableName: options.tableName,
		tableDefinition: tables[0]!,
	};
}

function parsedRole(role: TemplateRole): RoleInfo {
	return {
		...role,
		trustPolicy: parsePolicy(role.trustPolicy, `${role.name}-trust-policy`, 'trust'),
		permissionPolicies: role.permissionPolicies.map((p) =>
			parsePolicy(p.document, p.name, 'identity-based'),
		),
	};
}

export function findRole(infra: SandboxInfra, roleArn: string): RoleInfo | undefined {
	return infra.roles.find((role) => role.arn === roleArn);
}

/** The OIDC provider registered for an issuer (`iss` claim), if any. */
export function findOidcProvider(
	infra: SandboxInfra,
	issuer: string,
): OidcProviderInfo | undefined {
	return infra.oidcProviders.find((p) => p.url === issuer);
}

/** The policies that decide a request signed with a session's credentials: the role's permission policies
 * and, when the caller passed one to AssumeRoleWithWebIdentity, the session policy. */
export function policySetFor(
	infra: SandboxInfra,
	session: { roleArn: string; sessionPolicy?: NamedPolicy },
): PolicySet {
	const role = findRole(infra, session.roleArn);
	if (!role) throw new Error(`no role ${session.roleArn} in the sandbox infra`);
	const set: PolicySet = { identity: role.permissionPolicies };
	if (session.sessionPolicy) set.session = [session.sessionPolicy];
	return set;
}
