/**
 * A variant of the production template for one suite: `edit` changes the parsed template (a trust policy without
 * an action, say), the copy goes to a temporary directory, and `createSandbox({ templatePath })` enforces it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_PATH } from '../../sandbox/infra';

/* eslint-disable @typescript-eslint/no-explicit-any -- a template is free-form JSON */
export type TemplateJson = { Resources: Record<string, { Properties: any }> };

export function testTemplate(edit: (template: TemplateJson) => void): string {
	const original = readFileSync(TEMPLATE_PATH, 'utf8');
	const template = JSON.parse(original) as TemplateJson;
	edit(template);
	const edited = JSON.stringify(template);
	if (edited === JSON.stringify(JSON.parse(original)))
		throw new Error('the edit changed nothing: the template moved on');
	const path = join(mkdtempSync(join(tmpdir(), 'fedplay-template-')), 'template.json');
	writeFileSync(path, edited);
	return path;
}

/** The statement `sid` of a role's first inline policy. */
export function roleStatement(template: TemplateJson, role: string, sid: string): any {
	const statements = template.Resources[role]!.Properties.Policies[0].PolicyDocument
		.Statement as any[];
	const statement = statements.find((s) => s.Sid === sid);
	if (!statement) throw new Error(`${role} has no statement ${sid}`);
	return statement;
}

/** Rewrites each player role's trust policy (a `Fn::Sub` string of JSON) through `edit`. */
export function editPlayerTrust(template: TemplateJson, edit: (trust: string) => string): void {
	for (const role of ['PlayerRole', 'SecondPlayerRole']) {
		const sub = template.Resources[role]!.Properties.AssumeRolePolicyDocument['Fn::Sub'];
		sub[0] = edit(sub[0]);
	}
}
/* eslint-enable @typescript-eslint/no-explicit-any */
