/**
 * The sandbox loads the production template's policies through `parsePolicy`, so a statement IAM would refuse
 * when the stack is created stops the sandbox from starting, with a message that names the template, the role,
 * the policy, the statement (index and Sid) and the problem in IAM's words.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInfra, TEMPLATE_PATH } from '../../../sandbox/infra';
import { INFRA_OPTIONS } from './infra-options';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a template edited in place

/** The role's one inline policy's statement with this Sid. */
function statement(template: Json, role: string, sid: string): Json {
	const statements = template.Resources[role].Properties.Policies[0].PolicyDocument
		.Statement as Json[];
	return statements.find((s) => s.Sid === sid)!;
}

/** The role's trust policy is a `Fn::Sub` string: edits apply to its text. */
function editTrust(template: Json, role: string, edit: (text: string) => string): void {
	const sub = template.Resources[role].Properties.AssumeRolePolicyDocument['Fn::Sub'];
	sub[0] = edit(sub[0]);
}

function loadEdited(edit: (template: Json) => void): () => unknown {
	const template = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as Json;
	edit(template);
	const templatePath = join(mkdtempSync(join(tmpdir(), 'fedplay-infra-')), 'template.json');
	writeFileSync(templatePath, JSON.stringify(template));
	return () => loadInfra({ ...INFRA_OPTIONS, templatePath });
}

describe('a template policy IAM would refuse stops the sandbox, naming where and why', () => {
	it.each<[string, (template: Json) => void, string]>([
		[
			'a misspelt condition operator',
			(t) => {
				const s = statement(t, 'PlayerRole', 'OwnScores');
				s.Condition['ForAllValues:StringEqual'] = s.Condition['ForAllValues:StringEquals'];
				delete s.Condition['ForAllValues:StringEquals'];
			},
			'PlayerRole policy FedplayPlayerData: Statement 2 (OwnScores): Unknown condition operator ForAllValues:StringEqual.',
		],
		[
			'a wildcard in an action’s service prefix',
			(t) => statement(t, 'SecondPlayerRole', 'OwnObjects').Action.push('*:GetObject'),
			'SecondPlayerRole policy FedplayPlayerData: Statement 0 (OwnObjects): Action vendors (e.g., aws, ec2, etc.) must not contain wildcards. Action: "*:GetObject".',
		],
		[
			'a table name where its ARN belongs',
			(t) =>
				(statement(t, 'PlayerRole', 'Leaderboard').Resource = 'GameScores/index/GameTitleIndex'),
			'PlayerRole policy FedplayPlayerData: Statement 3 (Leaderboard): Resource GameScores/index/GameTitleIndex must be in ARN format or "*".',
		],
		[
			'a statement without Effect',
			(t) => delete statement(t, 'PlayerRole', 'DecodeWhyDenied').Effect,
			'PlayerRole policy FedplayPlayerData: Statement 4 (DecodeWhyDenied): Missing required field Effect.',
		],
		[
			'a Resource in a trust policy',
			(t) =>
				editTrust(t, 'PlayerRole', (text) => text.replace('"Action":', '"Resource":"*","Action":')),
			'PlayerRole AssumeRolePolicyDocument: Statement 0 (PlayersSignedInWithThisProvider): Has prohibited field Resource.',
		],
		[
			'a trust policy whose Principal is missing',
			(t) =>
				editTrust(t, 'SecondPlayerRole', (text) =>
					text.replace('"Principal":{"Federated":"${ProviderArn}"},', ''),
				),
			'SecondPlayerRole AssumeRolePolicyDocument: Statement 0 (PlayersSignedInWithThisProvider): Missing required field Principal.',
		],
		[
			'a policy variable left open',
			(t) =>
				statement(t, 'PlayerRole', 'ListOwnPrefix').Condition.StringLike['s3:prefix'].push(
					'players/${aws:username',
				),
			'PlayerRole policy FedplayPlayerData: Statement 1 (ListOwnPrefix): The policy variable in "players/${aws:username" is missing its closing brace.',
		],
		[
			'a trust policy over the 2,048 characters of a role’s trust policy quota',
			(t) => editTrust(t, 'PlayerRole', (text) => text.replace('"*/*"', `"*/${'x'.repeat(1800)}"`)),
			'PlayerRole AssumeRolePolicyDocument: Cannot exceed quota for ACLSizePerRole: 2048',
		],
		[
			'inline policies over the 10,240 characters a role’s add up to',
			(t) =>
				statement(t, 'SecondPlayerRole', 'OwnObjects').Action.push(
					...Array.from({ length: 600 }, (_, i) => `s3:GetObjectVersion${i}`),
				),
			'SecondPlayerRole Policies: Maximum policy size of 10240 bytes exceeded for role fedplay-player-arcade',
		],
	])('refuses %s', (_what, edit, message) => {
		const load = loadEdited(edit);
		expect(load).toThrow(
			expect.objectContaining({
				message: expect.stringMatching(/template\.json: /) as unknown,
			}) as Error,
		);
		expect(load).toThrow(`template.json: ${message}`);
	});

	it('loads the production template as it is', () => {
		expect(loadEdited(() => {})).not.toThrow();
	});
});
