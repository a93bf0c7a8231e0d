/**
 * The role policies of the production template (`infra/fedplay.template.json`), resolved in the browser for
 * the configured providers, bucket and table: the same documents the sandbox enforces and CloudFormation
 * deploys. A small, Node-free port of sandbox/infra.ts's resolver, limited to what the IAM resources use.
 */

/** The part of the template this reads. */
export interface PolicyTemplate {
	Parameters?: Record<string, { Default?: unknown }>;
	Conditions?: Record<string, unknown>;
	Resources: Record<string, { Type: string; Condition?: string; Properties?: unknown }>;
}

export interface TemplateValues {
	accountId: string;
	region: string;
	/** Issuer and client id of each configured provider, in config order (first → ProviderUrl). */
	providers: { url: string; clientId: string }[];
	bucketName: string;
	tableName: string;
}

/** A role as the template defines it, with its policies as plain JSON documents. */
export interface TemplateRole {
	name: string;
	arn: string;
	trustPolicy: unknown;
	/** Inline permission policies by PolicyName. */
	permissionPolicies: { name: string; document: unknown }[];
}

const NO_VALUE = Symbol('AWS::NoValue');

type Props = Record<string, unknown>;

class Resolver {
	readonly #template: PolicyTemplate;
	readonly #values: TemplateValues;
	readonly #parameters: Record<string, string> = {};

	constructor(template: PolicyTemplate, values: TemplateValues) {
		this.#template = template;
		this.#values = values;
		const [first, second] = values.providers;
		const given: Record<string, string> = {
			ProviderUrl: first?.url ?? '',
			ProviderClientId: first?.clientId ?? '',
			SecondProviderUrl: second?.url ?? '',
			SecondProviderClientId: second?.clientId ?? '',
			GameDataBucketName: values.bucketName,
			ScoresTableName: values.tableName,
		};
		for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
			this.#parameters[name] = given[name] ?? String(spec.Default ?? '');
		}
	}

	included(condition: string | undefined): boolean {
		return condition === undefined || this.resolve(this.#template.Conditions?.[condition]) === true;
	}

	props(id: string): Props {
		return (this.resolve(this.#template.Resources[id]?.Properties ?? {}) as Props) ?? {};
	}

	ref(name: string): unknown {
		const { accountId, region } = this.#values;
		const pseudo: Record<string, unknown> = {
			'AWS::AccountId': accountId,
			'AWS::Region': region,
			'AWS::Partition': 'aws',
			'AWS::URLSuffix': 'amazonaws.com',
			'AWS::NoValue': NO_VALUE,
		};
		if (name in pseudo) return pseudo[name];
		if (name in this.#parameters) return this.#parameters[name];
		const resource = this.#template.Resources[name];
		const raw = (resource?.Properties ?? {}) as Props;
		switch (resource?.Type) {
			case 'AWS::IAM::OIDCProvider':
				return `arn:aws:iam::${accountId}:oidc-provider/${String(this.resolve(raw['Url'])).replace(/^https?:\/\//, '')}`;
			case 'AWS::IAM::Role':
				return String(this.resolve(raw['RoleName']) ?? name);
			case 'AWS::S3::Bucket':
				return this.#values.bucketName;
			case 'AWS::DynamoDB::Table':
				return String(this.resolve(raw['TableName']));
			default:
				throw new Error(`Ref to ${name} is not supported here`);
		}
	}

	getAtt(name: string): string {
		const { accountId, region } = this.#values;
		const ref = String(this.ref(name));
		switch (this.#template.Resources[name]?.Type) {
			case 'AWS::IAM::Role':
				return `arn:aws:iam::${accountId}:role/${ref}`;
			case 'AWS::S3::Bucket':
				return `arn:aws:s3:::${ref}`;
			case 'AWS::DynamoDB::Table':
				return `arn:aws:dynamodb:${region}:${accountId}:table/${ref}`;
			default:
				throw new Error(`Fn::GetAtt ${name}.Arn is not supported here`);
		}
	}

	resolve(value: unknown): unknown {
		if (Array.isArray(value))
			return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
		if (value === null || typeof value !== 'object') return value;
		const entries = Object.entries(value);
		const [key, arg] = entries[0] ?? [];
		if (
			entries.length === 1 &&
			key &&
			(key === 'Ref' || key.startsWith('Fn::') || key === 'Condition')
		)
			return this.#intrinsic(key, arg);
		const out: Props = {};
		for (const [k, v] of entries) {
			const resolved = this.resolve(v);
			if (resolved !== NO_VALUE) out[k] = resolved;
		}
		return out;
	}

	#intrinsic(fn: string, arg: unknown): unknown {
		const args = Array.isArray(arg) ? arg : [arg];
		const at = (i: number) => this.resolve(args[i]);
		switch (fn) {
			case 'Ref':
				return this.ref(String(arg));
			case 'Condition':
				return this.included(String(arg));
			case 'Fn::GetAtt':
				return this.getAtt(String(Array.isArray(arg) ? arg[0] : String(arg).split('.')[0]));
			case 'Fn::Join':
				return (at(1) as unknown[]).map(String).join(String(args[0]));
			case 'Fn::Select':
				return (at(1) as unknown[])[Number(at(0))];
			case 'Fn::Split':
				return String(at(1)).split(String(at(0)));
			case 'Fn::Sub':
				return this.#sub(args[0], (args.length > 1 ? at(1) : {}) as Props);
			case 'Fn::If':
				return this.included(String(args[0])) ? at(1) : at(2);
			case 'Fn::Equals':
				return String(at(0)) === String(at(1));
			case 'Fn::Not':
				return at(0) !== true;
			default:
				throw new Error(`${fn} is not supported here`);
		}
	}

	#sub(text: unknown, bound: Props): string {
		return String(text).replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
			if (bang) return '${' + name + '}';
			if (name in bound) return String(bound[name]);
			if (name.includes('.') && !name.startsWith('AWS::'))
				return this.getAtt(name.split('.')[0] ?? '');
			return String(this.ref(name));
		});
	}
}

/** Every role the template would create for `values`, with its trust and permission policies resolved. */
export function templateRoles(template: PolicyTemplate, values: TemplateValues): TemplateRole[] {
	const resolver = new Resolver(template, values);
	return Object.entries(template.Resources)
		.filter(([, r]) => r.Type === 'AWS::IAM::Role' && resolver.included(r.Condition))
		.map(([id]) => {
			const props = resolver.props(id);
			const name = String(props['RoleName'] ?? id);
			const trust = props['AssumeRolePolicyDocument'];
			const inline = (props['Policies'] ?? []) as { PolicyName: string; PolicyDocument: unknown }[];
			return {
				name,
				arn: resolver.getAtt(id),
				trustPolicy: typeof trust === 'string' ? (JSON.parse(trust) as unknown) : trust,
				permissionPolicies: inline.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
			};
		});
}
