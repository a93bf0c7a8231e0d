/**
 * Resolves the CloudFormation template's intrinsic functions (Ref, Fn::GetAtt Arn and Name, Join, Select, Split, Sub,
 * If, Equals, Not, And, Or, Conditions) with given parameter values. Pure: the sandbox uses it to load the
 * policies it enforces, the inspector (in the browser) to show the very same documents. Anything it cannot
 * resolve is an error, never silently skipped.
 */
import { identityPoolIdFor } from './identity-pool-id';

export interface Resource {
	Type: string;
	Condition?: string;
	Properties?: Record<string, unknown>;
}

export interface Output {
	Condition?: string;
	Value: unknown;
}

export interface Template {
	Parameters?: Record<string, { Default?: unknown }>;
	Conditions?: Record<string, unknown>;
	Resources: Record<string, Resource>;
	Outputs?: Record<string, Output>;
}

export interface TemplateValues {
	accountId: string;
	region: string;
	/** Issuers in order: the first fills `ProviderUrl`, the second (optional) `SecondProviderUrl`. */
	providers: { url: string; clientId: string }[];
	bucketName: string;
	tableName: string;
	stackName?: string;
	/** Login with Amazon's app id (`amzn1.application.…`) for `AmazonAppId`; none leaves its role out. */
	amazonAppId?: string;
	/** Values for the template's other parameters (the identity pool's switches, say); defaults otherwise. */
	parameters?: Record<string, string>;
	/**
	 * The ids of identity pools that exist (a deployed stack's `IdentityPoolId` output), by logical id. A pool
	 * not listed gets the deterministic id of identity-pool-id.ts, which is what the sandbox serves.
	 */
	identityPoolIds?: Record<string, string>;
}

/**
 * The properties `ref` and `getAtt` read of a resource of each type (its name, its URL…): what a slice of the
 * template (template-slice.ts) keeps of a resource it only refers to.
 */
export const REF_PROPERTIES: Record<string, readonly string[]> = {
	'AWS::IAM::OIDCProvider': ['Url'],
	'AWS::IAM::Role': ['RoleName'],
	'AWS::DynamoDB::Table': ['TableName'],
	'AWS::IAM::ManagedPolicy': ['ManagedPolicyName', 'Path'],
	'AWS::Cognito::IdentityPool': ['IdentityPoolName'],
};

// Marks a property that `Ref: AWS::NoValue` removed.
const NO_VALUE = Symbol('AWS::NoValue');

/** Resolves CloudFormation intrinsic functions against sandbox parameter and resource values. */
export class TemplateResolver {
	readonly #template: Template;
	readonly #options: TemplateValues;
	readonly #parameters: Record<string, string>;
	readonly #conditions = new Map<string, boolean>();

	constructor(template: Template, options: TemplateValues) {
		this.#template = template;
		this.#options = options;
		const [first, second] = options.providers;
		if (!first) throw new Error('the template needs at least one provider');
		const given: Record<string, string> = {
			ProviderUrl: first.url,
			ProviderClientId: first.clientId,
			SecondProviderUrl: second?.url ?? '',
			SecondProviderClientId: second?.clientId ?? '',
			GameDataBucketName: options.bucketName,
			ScoresTableName: options.tableName,
			AmazonAppId: options.amazonAppId ?? '',
			...options.parameters,
		};
		this.#parameters = {};
		for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
			const value = given[name] ?? (spec.Default === undefined ? undefined : String(spec.Default));
			if (value === undefined) throw new Error(`template parameter ${name} has no value`);
			this.#parameters[name] = value;
		}
	}

	included(resource: { Condition?: string }): boolean {
		return resource.Condition === undefined || this.condition(resource.Condition);
	}

	properties(id: string, resource: Resource): Record<string, unknown> {
		return (
			(this.resolve(resource.Properties ?? {}, `Resources.${id}`) as Record<string, unknown>) ?? {}
		);
	}

	/** An output's value; `undefined` when the template has no such output or its Condition is false. */
	output(name: string): unknown {
		const output = this.#template.Outputs?.[name];
		if (output === undefined || !this.included(output)) return undefined;
		return this.resolve(output.Value, `Outputs.${name}`);
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
		const { accountId, region, stackName } = this.#options;
		const pseudo: Record<string, unknown> = {
			'AWS::AccountId': accountId,
			'AWS::Region': region,
			'AWS::Partition': 'aws',
			'AWS::URLSuffix': 'amazonaws.com',
			'AWS::StackName': stackName ?? 'fedplay',
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
			case 'AWS::IAM::ManagedPolicy':
				return this.#managedPolicyArn(name, props);
			case 'AWS::Cognito::IdentityPool':
				return (
					this.#options.identityPoolIds?.[name] ??
					identityPoolIdFor({
						accountId,
						region,
						stackName: stackName ?? 'fedplay',
						logicalId: name,
					})
				);
			default:
				throw new Error(`Ref to ${resource.Type} (${name}) is not supported here`);
		}
	}

	getAtt(name: string, attribute: string): string {
		const resource = this.#resource(name);
		if (resource.Type === 'AWS::Cognito::IdentityPool' && attribute === 'Name') {
			const poolName = this.resolve(
				resource.Properties?.['IdentityPoolName'],
				`${name}.IdentityPoolName`,
			);
			// Without one CloudFormation makes a name up at deploy time, which nobody here could know.
			if (typeof poolName !== 'string')
				throw new Error(`${name}: an identity pool needs an IdentityPoolName to have a known Name`);
			return poolName;
		}
		if (attribute !== 'Arn')
			throw new Error(`Fn::GetAtt ${name}.${attribute} is not supported here`);
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
				throw new Error(`Fn::GetAtt ${name}.Arn on ${resource.Type} is not supported here`);
		}
	}

	/** `arn:aws:iam::ACCOUNT:policy/<path><name>`: a customer managed policy's ARN, which its `Ref` returns. */
	#managedPolicyArn(name: string, props: Record<string, unknown>): string {
		const policyName = this.resolve(props['ManagedPolicyName'], `${name}.ManagedPolicyName`);
		// Without a name CloudFormation makes one up at deploy time; nobody could pass its ARN in PolicyArns.
		if (typeof policyName !== 'string')
			throw new Error(`${name}: a managed policy needs a ManagedPolicyName to have a known ARN`);
		const path = String(this.resolve(props['Path'], `${name}.Path`) ?? '/');
		return `arn:aws:iam::${this.#options.accountId}:policy${path}${policyName}`;
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
				throw new Error(`${at}: intrinsic function ${fn} is not supported here`);
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
