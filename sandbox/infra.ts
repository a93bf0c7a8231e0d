import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePolicy, PolicyParseError, policySize } from '../src/lib/iam';
import type { NamedPolicy, PolicySet, PolicyType } from '../src/lib/iam';
import {
	TemplateResolver,
	type Template,
	type TemplateValues,
} from '../src/lib/infra/template-resolver';

/**
 * Loads the production CloudFormation template (`infra/fedplay.template.json`) with sandbox values, so the
 * sandbox enforces the very policy documents that deploy. Only the intrinsic functions the template uses are
 * resolved; anything else is an error, never silently skipped.
 */

export const TEMPLATE_PATH = fileURLToPath(
	new URL('../infra/fedplay.template.json', import.meta.url),
);

export interface InfraOptions extends TemplateValues {
	/** Another template, for tests. */
	templatePath?: string;
}

export interface OidcProviderInfo {
	/** The issuer URL as registered (`http://localhost:4000`). */
	url: string;
	/** `arn:aws:iam::ACCOUNT:oidc-provider/localhost:4000` */
	arn: string;
	clientIds: string[];
}

export interface RoleInfo {
	/** The template's logical id (`PlayerRole`). */
	logicalId: string;
	name: string;
	arn: string;
	/** Seconds. */
	maxSessionDuration: number;
	trustPolicy: NamedPolicy;
	permissionPolicies: NamedPolicy[];
	/**
	 * The literal segment its policy puts in every player path and partition key (data-layout.ts), from the
	 * template's `<logical id>DataSegment` output; absent for a role that grants no per-identity data.
	 */
	dataSegment?: string;
}

/** A customer managed policy of the template: the sandbox uses it as a managed session policy (`PolicyArns`). */
export interface ManagedPolicyInfo {
	logicalId: string;
	/** `arn:aws:iam::ACCOUNT:policy/NAME`, what a caller passes in `PolicyArns`. */
	arn: string;
	/** Named by its ARN, as the inspector and access-denied explanations show it. */
	policy: NamedPolicy;
}

export interface TableDefinition {
	TableName: string;
	AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
	KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
	GlobalSecondaryIndexes?: {
		IndexName: string;
		KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
		Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
	}[];
	BillingMode?: string;
}

export interface SandboxInfra {
	accountId: string;
	region: string;
	oidcProviders: OidcProviderInfo[];
	roles: RoleInfo[];
	/** `AWS::IAM::ManagedPolicy` resources, for `PolicyArns`. */
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
	const resolver = new TemplateResolver(template, { ...options, stackName: 'fedplay-sandbox' });
	const resources = Object.entries(template.Resources).filter(([, r]) => resolver.included(r));

	const oidcProviders = resources
		.filter(([, r]) => r.Type === 'AWS::IAM::OIDCProvider')
		.map(([id, r]) => {
			const props = resolver.properties(id, r);
			return {
				url: String(props['Url']),
				arn: resolver.ref(id) as string,
				clientIds: (props['ClientIdList'] as string[]) ?? [],
			};
		});
	const roles = resources
		.filter(([, r]) => r.Type === 'AWS::IAM::Role')
		.map(([id, r]) => toRole(id, resolver.properties(id, r), resolver, path));
	const managedPolicies = resources
		.filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy')
		.map(([id, r]) => toManagedPolicy(id, resolver.properties(id, r), resolver, path));
	const tables = resources.filter(([, r]) => r.Type === 'AWS::DynamoDB::Table');
	if (tables.length !== 1)
		throw new Error(`expected one AWS::DynamoDB::Table, found ${tables.length}`);
	const [tableId, table] = tables[0]!;
	return {
		accountId: options.accountId,
		region: options.region,
		oidcProviders,
		roles,
		managedPolicies,
		bucketName: options.bucketName,
		tableName: options.tableName,
		tableDefinition: toTableDefinition(resolver.properties(tableId, table)),
	};
}

function toRole(
	id: string,
	props: Record<string, unknown>,
	resolver: TemplateResolver,
	path: string,
): RoleInfo {
	const name = String(props['RoleName'] ?? id);
	const inline = (props['Policies'] as { PolicyName: string; PolicyDocument: unknown }[]) ?? [];
	const dataSegment = resolver.output(`${id}DataSegment`);
	const parse = (document: unknown, policyName: string, type: PolicyType, where: string) =>
		parseTemplatePolicy(document, policyName, type, `${path}: ${id} ${where}`);
	checkPolicyQuotas(props['AssumeRolePolicyDocument'], inline, name, `${path}: ${id}`);
	return {
		...(typeof dataSegment === 'string' ? { dataSegment } : {}),
		logicalId: id,
		name,
		arn: resolver.getAtt(id, 'Arn'),
		maxSessionDuration: Number(props['MaxSessionDuration'] ?? 3600),
		trustPolicy: parse(
			props['AssumeRolePolicyDocument'],
			`${name}-trust-policy`,
			'trust',
			'AssumeRolePolicyDocument',
		),
		permissionPolicies: inline.map((p) =>
			parse(p.PolicyDocument, p.PolicyName, 'identity-based', `policy ${p.PolicyName}`),
		),
	};
}

function toManagedPolicy(
	id: string,
	props: Record<string, unknown>,
	resolver: TemplateResolver,
	path: string,
): ManagedPolicyInfo {
	// Attached to a role, the policy would add to that role's identity policies: never ignore that silently.
	for (const attachment of ['Roles', 'Users', 'Groups']) {
		if (props[attachment] !== undefined)
			throw new Error(
				`${path}: ${id}: attaching a managed policy (${attachment}) is not supported here`,
			);
	}
	const arn = String(resolver.ref(id));
	return {
		logicalId: id,
		arn,
		policy: parseTemplatePolicy(
			props['PolicyDocument'],
			arn,
			'session',
			`${path}: ${id} PolicyDocument`,
		),
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
	inline: { PolicyDocument: unknown }[],
	roleName: string,
	where: string,
): void {
	if (policySize(trustPolicy) > ROLE_TRUST_POLICY_MAX)
		throw new Error(
			`${where} AssumeRolePolicyDocument: Cannot exceed quota for ACLSizePerRole: ${ROLE_TRUST_POLICY_MAX}`,
		);
	const inlineSize = inline.reduce((sum, p) => sum + policySize(p.PolicyDocument), 0);
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

function toTableDefinition(props: Record<string, unknown>): TableDefinition {
	const definition: TableDefinition = {
		TableName: String(props['TableName']),
		AttributeDefinitions: props['AttributeDefinitions'] as TableDefinition['AttributeDefinitions'],
		KeySchema: props['KeySchema'] as TableDefinition['KeySchema'],
	};
	const indexes = props['GlobalSecondaryIndexes'] as TableDefinition['GlobalSecondaryIndexes'];
	if (indexes) definition.GlobalSecondaryIndexes = indexes;
	if (typeof props['BillingMode'] === 'string') definition.BillingMode = props['BillingMode'];
	return definition;
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
