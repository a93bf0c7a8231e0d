/**
 * The role policies of the production template (`infra/fedplay.template.json`), resolved in the browser for
 * the configured providers, bucket and table: the same documents the sandbox enforces and CloudFormation
 * deploys, through the same resolver the sandbox uses.
 */
import { TemplateResolver, type Template, type TemplateValues } from '../infra/template-resolver';

export type { TemplateValues };
/** The part of the template this reads. */
export type PolicyTemplate = Template;

/** A role as the template defines it, with its policies as plain JSON documents. */
export interface TemplateRole {
	name: string;
	arn: string;
	trustPolicy: unknown;
	/** Inline permission policies by PolicyName. */
	permissionPolicies: { name: string; document: unknown }[];
}

/** Every role of the template (those whose Condition holds), resolved for `values`. */
export function templateRoles(template: PolicyTemplate, values: TemplateValues): TemplateRole[] {
	const resolver = new TemplateResolver(template, values);
	return Object.entries(template.Resources)
		.filter(([, r]) => r.Type === 'AWS::IAM::Role' && resolver.included(r))
		.map(([id, r]) => {
			const props = resolver.properties(id, r);
			const name = String(props['RoleName'] ?? id);
			const trust = props['AssumeRolePolicyDocument'];
			const inline = (props['Policies'] ?? []) as { PolicyName: string; PolicyDocument: unknown }[];
			return {
				name,
				arn: resolver.getAtt(id, 'Arn'),
				trustPolicy: typeof trust === 'string' ? (JSON.parse(trust) as unknown) : trust,
				permissionPolicies: inline.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
			};
		});
}
