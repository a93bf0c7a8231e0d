import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePolicy, PolicyParseError, policySize } from '../src/lib/iam';
import type { NamedPolicy, PolicySet, PolicyType } from '../src/lib/iam';
import {
	readTemplate,
	type TableDefinition,
	type TemplateIdentityPool,
	type TemplateManagedPolicy,
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
export type IdentityPoolInfo = TemplateIdentityPool;

export interface InfraOptions extends TemplateValues {
	/** Another template, for tests. */
	templatePath?: string;
}

/** A template role with its policies parsed: what the sandbox's STS and gateway decide with. */
export interface RoleInfo extends Omit<TemplateRole, 'trustPolicy' | 'permissionPolicies'> {
	trustPolicy: NamedPolicy;
	permissionPolicies: NamedPolicy[];
}

/** A customer managed policy of the template: the sandbox uses it as a managed session policy (`PolicyArns`). */
export interface ManagedPolicyInfo {
	logicalId: string;
	/** `arn:aws:iam::ACCOUNT:policy/NAME`, what a caller passes in `PolicyArns`. */
	arn: string;
	/** Named by its ARN, as the inspector and access-denied explanations show it. */
	policy: NamedPolicy;
}

export interface SandboxInfra {
	accountId: string;
	region: string;
	oidcProviders: OidcProviderInfo[];
	/** The template's Amazon Cognito identity pools (when its CreateIdentityPool parameter says so). */
	identityPools: IdentityPoolInfo[];
	roles: RoleInfo[];
	managedPolicies: ManagedPolicyInfo[];
	bucketName: string;
	tableName: string;
	/** The table's shape as CreateTable input (the gateway creates it in dynalite from this). */
	tableDefinition: TableDefinition;
}

/** Reads and resolves the template. Throws on unknown intrinsics, missing parameters or bad policies. */
export function loadInfra(options: InfraOptions): SandboxInfra {
	const path = options.templatePath ?? TEMPLATE_PATH;
	const template = JSON.parse(readFileSync(path, 'utf8')) as Template;
	const { oidcProviders, identityPools, roles, managedPolicies, tables } = readTemplate(template, {
		...options,
		stackName: 'fedplay-sandbox',
	});
	if (tables.length !== 1)
		throw new Error(`expected one AWS::DynamoDB::Table, found ${tables.length}`);
	return {
		accountId: options.accountId,
		region: options.region,
		oidcProviders,
		identityPools,
		roles: roles.map((role) => parsedRole(role, path)),
		managedPolicies: managedPolicies.map((policy) => parsedManagedPolicy(policy, path)),
		bucketName: options.bucketName,
		tableName: options.tableName,
		tableDefinition: tables[0]!,
	};
}

/** A template role with its policies parsed, each checked as IAM checks it when the stack is created. */
function parsedRole(role: TemplateRole, path: string): RoleInfo {
	const where = `${path}: ${role.logicalId}`;
	const parse = (document: unknown, policyName: string, type: PolicyType, what: string) =>
		parseTemplatePolicy(document, policyName, type, `${where} ${what}`);
	checkPolicyQuotas(role.trustPolicy, role.permissionPolicies, role.name, where);
	return {
		...role,
		trustPolicy: parse(
			role.trustPolicy,
			`${role.name}-trust-policy`,
			'trust',
			'AssumeRolePolicyDocument',
		),
		permissionPolicies: role.permissionPolicies.map((p) =>
			parse(p.document, p.name, 'identity-based', `policy ${p.name}`),
		),
	};
}

function parsedManagedPolicy(policy: TemplateManagedPolicy, path: string): ManagedPolicyInfo {
	const where = `${path}: ${policy.logicalId}`;
	// Attached to a role, the policy would add to that role's identity policies: never ignore that silently.
	if (policy.attachments.length > 0)
		throw new Error(
			`${where}: attaching a managed policy (${policy.attachments.join(', ')}) is not supported here`,
		);
	return {
		logicalId: policy.logicalId,
		arn: policy.arn,
		policy: parseTemplatePolicy(policy.document, policy.arn, 'session', `${where} PolicyDocument`),
	};
}

/**
 * IAM and AWS STS quotas, as IAM answers a role over them (`LimitExceeded`): "Role trust policy length: 2048
 * characters" (the default, which the template does not raise) and, for inline policies, "the total aggregate
 * policy size (the sum size of all inline policies) per entity", 10,240 characters for a role. "IAM does not count
 * white space when calculating the size of a policy."
 */
const ROLE_TRUST_POLICY_MAX = 2048;
const ROLE_INLINE_POLICIES_MAX = 10_240;

function checkPolicyQuotas(
	trustPolicy: unknown,
	inline: { document: unknown }[],
	roleName: string,
	where: string,
): void {
	if (policySize(trustPolicy) > ROLE_TRUST_POLICY_MAX)
		throw new Error(
			`${where} AssumeRolePolicyDocument: Cannot exceed quota for ACLSizePerRole: ${ROLE_TRUST_POLICY_MAX}`,
		);
	const inlineSize = inline.reduce((sum, p) => sum + policySize(p.document), 0);
	if (inlineSize > ROLE_INLINE_POLICIES_MAX)
		throw new Error(
			`${where} Policies: Maximum policy size of ${ROLE_INLINE_POLICIES_MAX} bytes exceeded for role ${roleName}`,
		);
}

/**
 * A policy of the template, refused as IAM would refuse it when the stack is created — with a message that
 * names the template, the resource, the policy and the statement (`…: PlayerRole policy FedplayPlayerData:
 * Statement 2 (OwnScores): Unknown condition operator StringEqual.`).
 */
function parseTemplatePolicy(
	document: unknown,
	name: string,
	type: PolicyType,
	where: string,
): NamedPolicy {
	try {
		return parsePolicy(document, name, type);
	} catch (error) {
		if (error instanceof PolicyParseError)
			throw new Error(`${where}: ${error.message}`, { cause: error });
		throw error;
	}
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

/** The customer managed policy a `PolicyArns` entry names, if the template defines it. */
export function findManagedPolicy(infra: SandboxInfra, arn: string): ManagedPolicyInfo | undefined {
	return infra.managedPolicies.find((p) => p.arn === arn);
}

/** The policies that decide a request signed with a session's credentials: the role's permission policies
 * and, when the caller passed any to AssumeRole*, the session policies (inline `Policy`, then `PolicyArns`). */
export function policySetFor(
	infra: SandboxInfra,
	session: { roleArn: string; sessionPolicies?: readonly NamedPolicy[] },
): PolicySet {
	const role = findRole(infra, session.roleArn);
	if (!role) throw new Error(`no role ${session.roleArn} in the sandbox infra`);
	const set: PolicySet = { identity: role.permissionPolicies };
	if (session.sessionPolicies?.length) set.session = [...session.sessionPolicies];
	return set;
}
