import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePolicy } from '../src/lib/iam';
import type { NamedPolicy, PolicySet } from '../src/lib/iam';

/**
 * Loads the production CloudFormation template (`infra/fedplay.template.json`) with sandbox values, so the
 * sandbox enforces the very policy documents that deploy. Only the intrinsic functions the template uses are
 * resolved; anything else is an error, never silently skipped.
 */

export const TEMPLATE_PATH = fileURLToPath(
	new URL('../infra/fedplay.template.json', import.meta.url),
);

export interface InfraOptions {
	accountId: string;
	region: string;
	/** Issuers in order: the first fills `ProviderUrl`, the second (optional) `SecondProviderUrl`. */
	providers: { url: string; clientId: string }[];
	bucketName: string;
	tableName: string;
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
	bucketName: string;
	tableName: string;
	/** The table's shape as CreateTable input (the gateway creates it in dynalite from this). */
	tableDefinition: TableDefinition;
}

interface Resource {
	Type: string;
	Condition?: string;
	Properties?: Record<string, unknown>;
}

interface Template {
	Parameters?: Record<string, { Default?: unknown }>;
	Conditions?: Record<string, unknown>;
	Resources: Record<string, Resource>;
}

/** Reads and resolves the template. Throws on unknown intrinsics, missing parameters or bad policies. */
export function loadInfra(options: InfraOptions): SandboxInfra {
	const template = JSON.parse(
		readFileSync(options.templatePath ?? TEMPLATE_PATH, 'utf8'),
	) as Template;
	const resolver = new TemplateResolver(template, options);
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
		.map(([id, r]) => toRole(id, resolver.properties(id, r), resolver));
	const tables = resources.filter(([, r]) => r.Type === 'AWS::DynamoDB::Table');
	if (tables.length !== 1)
		throw new Error(`expected one AWS::DynamoDB::Table, found ${tables.length}`);
	const [tableId, table] = tables[0]!;
	return {
		accountId: options.accountId,
		region: options.region,
		oidcProviders,
		roles,
		bucketName: options.bucketName,
		tableName: options.tableName,
		tableDefinition: toTableDefinition(resolver.properties(tableId, table)),
	};
}

function toRole(id: string, props: Record<string, unknown>, resolver: TemplateResolver): RoleInfo {
	const name = String(props['RoleName'] ?? id);
	const inline = (props['Policies'] as { PolicyName: string; PolicyDocument: unknown }[]) ?? [];
	return {
		logicalId: id,
		name,
		arn: resolver.getAtt(id, 'Arn'),
		maxSessionDuration: Number(props['MaxSessionDuration'] ?? 3600),
		trustPolicy: parsePolicy(props['AssumeRolePolicyDocument'], `${name}-trust-policy`, 'trust'),
		permissionPolicies: inline.map((p) =>
			parsePolicy(p.PolicyDocument, p.PolicyName, 'identity-based'),
		),
	};
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

// Marks a property that `Ref: AWS::NoValue` removed.
const NO_VALUE = Symbol('AWS::NoValue');

/** Resolves CloudFormation intrinsic functions against sandbox parameter and resource values. */
class TemplateResolver {
	readonly #template: Template;
	readonly #options: InfraOptions;
	readonly #parameters: Record<string, string>;
	readonly #conditions = new Map<string, boolean>();

	constructor(template: Template, options: InfraOptions) {
		this.#template = template;
		this.#options = options;
		const [first, second] = options.providers;
		if (!first) throw new Error('loadInfra needs at least one provider');
		const given: Record<string, string> = {
			ProviderUrl: first.url,
			ProviderClientId: first.clientId,
			SecondProviderUrl: second?.url ?? '',
			SecondProviderClientId: second?.clientId ?? '',
			GameDataBucketName: options.bucketName,
			ScoresTableName: options.tableName,
		};
		this.#parameters = {};
		for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
			const value = given[name] ?? (spec.Default === undefined ? undefined : String(spec.Default));
			if (value === undefined) throw new Error(`template parameter ${name} has no sandbox value`);
			this.#parameters[name] = value;
		}
	}

	included(resource: Resource): boolean {
		return resource.Condition === undefined || this.condition(resource.Condition);
	}

	properties(id: string, resource: Resource): Record<string, unknown> {
		return (
			(this.resolve(resource.Properties ?? {}, `Resources.${id}`) as Record<string, unknown>) ?? {}
		);
	}

	condition(name: string): boolean {
		const known = this.#conditions.get(name);
		if (known !== undefined) return known;
		const spec = this.#template.Conditions?.[name];
		if (spec === undefined) throw new Error(`unknown condition ${name}`);
		const value = this.resolve(spec, `Conditions.${name}`);
		if (typeof value !== 'boolean') throw new Error(`condition ${name} is not a boolean`);
		this.#conditions.set(name, value);
		return value;
	}

	/** `Ref` of a parameter, pseudo parameter or resource. */
	ref(name: string): unknown {
		const { accountId, region } = this.#options;
		const pseudo: Record<string, unknown> = {
			'AWS::AccountId': accountId,
			'AWS::Region': region,
			'AWS::Partition': 'aws',
			'AWS::URLSuffix': 'amazonaws.com',
			'AWS::StackName': 'fedplay-sandbox',
			'AWS::NoValue': NO_VALUE,
		};
		if (name in pseudo) return pseudo[name];
		if (name in this.#parameters) return this.#parameters[name];
		const resource = this.#resource(name);
		const props = (resource.Properties ?? {}) as Record<string, unknown>;
		switch (resource.Type) {
			case 'AWS::IAM::OIDCProvider': {
				const url = String(this.resolve(props['Url'], `${name}.Url`));
				return `arn:aws:iam::${accountId}:oidc-provider/${url.replace(/^https?:\/\//, '')}`;
			}
			case 'AWS::IAM::Role':
				return String(this.resolve(props['RoleName'], `${name}.RoleName`) ?? name);
			case 'AWS::S3::Bucket':
				return this.#options.bucketName;
			case 'AWS::DynamoDB::Table':
				return String(this.resolve(props['TableName'], `${name}.TableName`));
			default:
				throw new Error(`Ref to ${resource.Type} (${name}) is not supported by the sandbox`);
		}
	}

	getAtt(name: string, attribute: string): string {
		const resource = this.#resource(name);
		if (attribute !== 'Arn')
			throw new Error(`Fn::GetAtt ${name}.${attribute} is not supported by the sandbox`);
		const { accountId, region } = this.#options;
		const ref = this.ref(name) as string;
		switch (resource.Type) {
			case 'AWS::IAM::Role':
				return `arn:aws:iam::${accountId}:role/${ref}`;
			case 'AWS::S3::Bucket':
				return `arn:aws:s3:::${ref}`;
			case 'AWS::DynamoDB::Table':
				return `arn:aws:dynamodb:${region}:${accountId}:table/${ref}`;
			default:
				throw new Error(
					`Fn::GetAtt ${name}.Arn on ${resource.Type} is not supported by the sandbox`,
				);
		}
	}

	#resource(name: string): Resource {
		const resource = this.#template.Resources[name];
		if (!resource) throw new Error(`Ref/GetAtt to unknown resource or parameter ${name}`);
		return resource;
	}

	resolve(value: unknown, at: string): unknown {
		if (Array.isArray(value)) {
			return value.map((v, i) => this.resolve(v, `${at}[${i}]`)).filter((v) => v !== NO_VALUE);
		}
		if (value === null || typeof value !== 'object') return value;
		const entries = Object.entries(value);
		const [key, arg] = entries[0] ?? [];
		if (
			entries.length === 1 &&
			key !== undefined &&
			(key === 'Ref' || key.startsWith('Fn::') || key === 'Condition')
		) {
			return this.#intrinsic(key, arg, at);
		}
		const out: Record<string, unknown> = {};
		for (const [k, v] of entries) {
			const resolved = this.resolve(v, `${at}.${k}`);
			if (resolved !== NO_VALUE) out[k] = resolved;
		}
		return out;
	}

	#intrinsic(fn: string, arg: unknown, at: string): unknown {
		const list = (n: number): unknown[] => {
			if (!Array.isArray(arg) || arg.length !== n)
				throw new Error(`${at}: ${fn} takes ${n} arguments`);
			return arg;
		};
		switch (fn) {
			case 'Ref':
				return this.ref(String(arg));
			case 'Condition':
				return this.condition(String(arg));
			case 'Fn::GetAtt': {
				const [name, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
				return this.getAtt(String(name), String(attribute));
			}
			case 'Fn::Join': {
				const [sep, items] = list(2);
				return (this.resolve(items, at) as unknown[]).map(String).join(String(sep));
			}
			case 'Fn::Select': {
				const [index, items] = list(2).map((v) => this.resolve(v, at));
				const picked = (items as unknown[])[Number(index)];
				if (picked === undefined)
					throw new Error(`${at}: Fn::Select index ${String(index)} out of range`);
				return picked;
			}
			case 'Fn::Split': {
				const [sep, text] = list(2).map((v) => this.resolve(v, at));
				return String(text).split(String(sep));
			}
			case 'Fn::Sub':
				return this.#sub(arg, at);
			case 'Fn::If': {
				const [cond, whenTrue, whenFalse] = list(3);
				return this.resolve(this.condition(String(cond)) ? whenTrue : whenFalse, at);
			}
			case 'Fn::Equals': {
				const [a, b] = list(2).map((v) => this.resolve(v, at));
				return String(a) === String(b);
			}
			case 'Fn::Not':
				return !(this.resolve(list(1)[0], at) as boolean);
			case 'Fn::And':
				return (arg as unknown[]).every((v) => this.resolve(v, at) === true);
			case 'Fn::Or':
				return (arg as unknown[]).some((v) => this.resolve(v, at) === true);
			default:
				throw new Error(`${at}: intrinsic function ${fn} is not supported by the sandbox`);
		}
	}

	#sub(arg: unknown, at: string): string {
		const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
		const bound = this.resolve(vars, at) as Record<string, unknown>;
		return String(text).replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
			if (bang) return '${' + name + '}';
			if (name in bound) return String(bound[name]);
			if (name.includes('.') && !name.startsWith('AWS::')) {
				const [resource, attribute] = name.split('.');
				return this.getAtt(resource!, attribute!);
			}
			return String(this.ref(name));
		});
	}
}

/** The role a role ARN names, if the template defines it. */
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
