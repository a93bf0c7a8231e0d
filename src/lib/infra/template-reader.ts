/**
 * The one reader of what the production template (`infra/fedplay.template.json`) defines for players: its
 * OpenID Connect providers, its Amazon Cognito identity pools, its roles with their policy documents, and
 * its table. Pure: the sandbox reads
 * the template with its own values and enforces these documents; the inspector, in the browser, reads the
 * bundled template with the runtime config's values and explains with them.
 */
import {
	TemplateResolver,
	type Resource,
	type Template,
	type TemplateValues,
} from './template-resolver';

export interface TemplateOidcProvider {
	/** The issuer URL as registered (`http://localhost:4000`). */
	url: string;
	/** `arn:aws:iam::ACCOUNT:oidc-provider/localhost:4000` */
	arn: string;
	clientIds: string[];
}

/** A policy document as the template holds it (JSON), under its PolicyName. */
interface TemplatePolicy {
	name: string;
	document: unknown;
}

export interface TemplateRole {
	/** The template's logical id (`PlayerRole`). */
	logicalId: string;
	name: string;
	arn: string;
	/** Seconds. */
	maxSessionDuration: number;
	trustPolicy: unknown;
	/** Inline permission policies. */
	permissionPolicies: TemplatePolicy[];
	/**
	 * The literal segment its policy puts in every player path and partition key (data-layout.ts), from the
	 * template's `<logical id>DataSegment` output; absent for a role that grants no per-identity data.
	 */
	dataSegment?: string;
}

type KeySchemaElement = { AttributeName: string; KeyType: 'HASH' | 'RANGE' };

/** A table as CreateTable input. */
export interface TableDefinition {
	TableName: string;
	AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
	KeySchema: KeySchemaElement[];
	GlobalSecondaryIndexes?: {
		IndexName: string;
		KeySchema: KeySchemaElement[];
		Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
	}[];
	BillingMode?: string;
}

/** A customer managed policy (`AWS::IAM::ManagedPolicy`): callers pass its ARN in `PolicyArns`. */
export interface TemplateManagedPolicy {
	logicalId: string;
	/** `arn:aws:iam::ACCOUNT:policy/NAME` */
	arn: string;
	document: unknown;
	/** The `Roles`, `Users` and `Groups` properties it names: attachments, which the sandbox refuses. */
	attachments: string[];
}

/** An `AWS::Cognito::IdentityPool`, with the roles its `AWS::Cognito::IdentityPoolRoleAttachment` gives it. */
export interface TemplateIdentityPool {
	logicalId: string;
	/** `REGION:GUID`: the pool's `Ref` (identity-pool-id.ts, or a deployed stack's real id). */
	id: string;
	name: string;
	allowUnauthenticatedIdentities: boolean;
	allowClassicFlow: boolean;
	/** The IAM OIDC providers it federates (`arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`). */
	openIdConnectProviderArns: string[];
	/** The "domain" of developer authenticated identities (GetOpenIdTokenForDeveloperIdentity), if any. */
	developerProviderName?: string;
	/** Role ARNs by Cognito's role type; a type left out has no role (the pool cannot issue it credentials). */
	roles: { authenticated?: string; unauthenticated?: string };
	/** The literal segment both its roles' policies put in every path and partition key (`<id>DataSegment`). */
	dataSegment?: string;
}

const MANAGED_POLICY_ATTACHMENTS = ['Roles', 'Users', 'Groups'];

export interface TemplateResources {
	oidcProviders: TemplateOidcProvider[];
	identityPools: TemplateIdentityPool[];
	roles: TemplateRole[];
	managedPolicies: TemplateManagedPolicy[];
	tables: TableDefinition[];
}

/**
 * What readTemplate reads, by the part of its answer: the resource types behind each part and, of each, the
 * properties it reads. template-slice.ts keeps just these, so a reader that needs only some parts (the
 * inspector) can ship a slice of the template and read it here with the very same answers.
 */
export const READS: Record<keyof TemplateResources, Record<string, readonly string[]>> = {
	oidcProviders: { 'AWS::IAM::OIDCProvider': ['Url', 'ClientIdList'] },
	identityPools: {
		'AWS::Cognito::IdentityPool': [
			'IdentityPoolName',
			'AllowUnauthenticatedIdentities',
			'AllowClassicFlow',
			'OpenIdConnectProviderARNs',
			'DeveloperProviderName',
		],
		'AWS::Cognito::IdentityPoolRoleAttachment': ['IdentityPoolId', 'Roles'],
	},
	roles: {
		'AWS::IAM::Role': ['RoleName', 'MaxSessionDuration', 'AssumeRolePolicyDocument', 'Policies'],
	},
	managedPolicies: {
		'AWS::IAM::ManagedPolicy': [
			'ManagedPolicyName',
			'Path',
			'PolicyDocument',
			...MANAGED_POLICY_ATTACHMENTS,
		],
	},
	tables: {
		'AWS::DynamoDB::Table': [
			'TableName',
			'AttributeDefinitions',
			'KeySchema',
			'GlobalSecondaryIndexes',
			'BillingMode',
		],
	},
};

/** The output that holds a role's or a pool's data segment (`PlayerRoleDataSegment`). */
export function dataSegmentOutput(logicalId: string): string {
	return `${logicalId}DataSegment`;
}

/**
 * The providers, roles, managed policies and tables of `template` whose Condition holds for `values`. Throws on an intrinsic
 * function the resolver does not know or a parameter without a value, never skipping one silently.
 */
export function readTemplate(template: Template, values: TemplateValues): TemplateResources {
	const resolver = new TemplateResolver(template, values);
	const resources = Object.entries(template.Resources).filter(([, r]) => resolver.included(r));
	const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
	return {
		oidcProviders: ofType('AWS::IAM::OIDCProvider').map(([id, r]) => {
			const props = resolver.properties(id, r);
			return {
				url: String(props['Url']),
				arn: resolver.ref(id) as string,
				clientIds: (props['ClientIdList'] as string[]) ?? [],
			};
		}),
		identityPools: identityPools(ofType, resolver),
		roles: ofType('AWS::IAM::Role').map(([id, r]) => toRole(id, r, resolver)),
		managedPolicies: ofType('AWS::IAM::ManagedPolicy').map(([id, r]) => {
			const props = resolver.properties(id, r);
			return {
				logicalId: id,
				arn: String(resolver.ref(id)),
				document: props['PolicyDocument'],
				attachments: MANAGED_POLICY_ATTACHMENTS.filter((name) => props[name] !== undefined),
			};
		}),
		tables: ofType('AWS::DynamoDB::Table').map(([id, r]) =>
			toTableDefinition(resolver.properties(id, r)),
		),
	};
}

type Resources = [string, Resource][];

/** The pools, each with the roles of the one role attachment that names it (none: no roles). */
function identityPools(
	ofType: (type: string) => Resources,
	resolver: TemplateResolver,
): TemplateIdentityPool[] {
	const attachments = ofType('AWS::Cognito::IdentityPoolRoleAttachment').map(([id, r]) =>
		resolver.properties(id, r),
	);
	return ofType('AWS::Cognito::IdentityPool').map(([id, r]) => {
		const props = resolver.properties(id, r);
		const poolId = String(resolver.ref(id));
		const attached = attachments.filter((a) => a['IdentityPoolId'] === poolId);
		if (attached.length > 1) throw new Error(`${id}: more than one IdentityPoolRoleAttachment`);
		const roles = (attached[0]?.['Roles'] ?? {}) as Record<string, unknown>;
		const developer = props['DeveloperProviderName'];
		const dataSegment = resolver.output(dataSegmentOutput(id));
		return {
			logicalId: id,
			id: poolId,
			name: resolver.getAtt(id, 'Name'),
			allowUnauthenticatedIdentities: isTrue(props['AllowUnauthenticatedIdentities']),
			allowClassicFlow: isTrue(props['AllowClassicFlow']),
			openIdConnectProviderArns: ((props['OpenIdConnectProviderARNs'] as unknown[]) ?? []).map(
				String,
			),
			...(typeof developer === 'string' ? { developerProviderName: developer } : {}),
			roles: {
				...(typeof roles['authenticated'] === 'string'
					? { authenticated: roles['authenticated'] }
					: {}),
				...(typeof roles['unauthenticated'] === 'string'
					? { unauthenticated: roles['unauthenticated'] }
					: {}),
			},
			...(typeof dataSegment === 'string' ? { dataSegment } : {}),
		};
	});
}

/** A CloudFormation Boolean property: `true`, or a parameter's `"true"`. */
function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

function toRole(id: string, resource: Resource, resolver: TemplateResolver): TemplateRole {
	const props = resolver.properties(id, resource);
	const name = String(props['RoleName'] ?? id);
	const inline = (props['Policies'] as { PolicyName: string; PolicyDocument: unknown }[]) ?? [];
	const dataSegment = resolver.output(dataSegmentOutput(id));
	return {
		...(typeof dataSegment === 'string' ? { dataSegment } : {}),
		logicalId: id,
		name,
		arn: resolver.getAtt(id, 'Arn'),
		maxSessionDuration: Number(props['MaxSessionDuration'] ?? 3600),
		trustPolicy: props['AssumeRolePolicyDocument'],
		permissionPolicies: inline.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
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
