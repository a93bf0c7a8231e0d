/**
 * The part of the template a reader needs, for a bundle that should not carry the rest: the inspector reads
 * only the roles and the table (role-policies.ts), yet the whole template is 66 KB of CloudFront settings,
 * outputs and parameter descriptions. The slice is made at build time from infra/fedplay.template.json
 * (vite.config.ts), so the template stays the one source; readTemplate gives the same roles and tables from
 * the slice as from the whole (tests/unit/infra/template-slice.test.ts).
 *
 * Kept: every parameter's name and default (the resolver needs each to have a value), every condition, every
 * resource's type and condition (readTemplate weighs them all), the properties readTemplate reads of the
 * parts asked for (READS), the properties `Ref`/`Fn::GetAtt` read of any resource (REF_PROPERTIES), and the
 * data-segment outputs of the kept roles and pools.
 */
import { dataSegmentOutput, READS, type TemplateResources } from './template-reader';
import { REF_PROPERTIES, type Output, type Resource, type Template } from './template-resolver';

/** `template` with only what readTemplate reads to answer `parts`. */
export function templateSlice(template: Template, parts: (keyof TemplateResources)[]): Template {
	const read: Record<string, readonly string[]> = Object.assign(
		{},
		...parts.map((part) => READS[part]),
	);
	const parameters: NonNullable<Template['Parameters']> = {};
	for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
		parameters[name] = spec.Default === undefined ? {} : { Default: spec.Default };
	}
	const resources: Record<string, Resource> = {};
	const outputs: Record<string, Output> = {};
	for (const [id, resource] of Object.entries(template.Resources)) {
		const names = new Set([
			...(read[resource.Type] ?? []),
			...(REF_PROPERTIES[resource.Type] ?? []),
		]);
		const properties = Object.fromEntries(
			Object.entries(resource.Properties ?? {}).filter(([name]) => names.has(name)),
		);
		resources[id] = {
			Type: resource.Type,
			...(resource.Condition === undefined ? {} : { Condition: resource.Condition }),
			...(Object.keys(properties).length > 0 ? { Properties: properties } : {}),
		};
		const segment = template.Outputs?.[dataSegmentOutput(id)];
		if (resource.Type in read && segment) {
			outputs[dataSegmentOutput(id)] = {
				...(segment.Condition === undefined ? {} : { Condition: segment.Condition }),
				Value: segment.Value,
			};
		}
	}
	return {
		Parameters: parameters,
		...(template.Conditions ? { Conditions: template.Conditions } : {}),
		Resources: resources,
		Outputs: outputs,
	};
}
