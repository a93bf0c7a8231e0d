import template from 'virtual:inspector-template';
import type { RuntimeConfig } from '../config/schema';
import { parsePolicy, type NamedPolicy, type PolicySet } from '../iam';
import {
	readTemplate,
	type TableDefinition,
	type TemplateResources,
	type TemplateRole,
} from '../infra/template-reader';

/*
 * The template's roles and table are bundled into the (lazy) inspector chunk: the policies are public
 * anyway, they are the ones that deploy, and the browser has no other way to know them. The chunk carries
 * only the slice of infra/fedplay.template.json that answers them (src/lib/infra/template-slice.ts, made at
 * build time by vite.config.ts), read by src/lib/infra, the reader the sandbox uses, with the runtime
 * config's values.
 */

export type { TemplateRole };

/** What of the runtime config the template is resolved with. */
export type TemplateConfig = Pick<
	RuntimeConfig,
	'accountId' | 'region' | 'bucket' | 'table' | 'providers'
>;

let last: { key: string; read: TemplateResources | null } | null = null;

/** The template read for this runtime config and account, or `null` when it cannot be read. */
function templateFor(config: TemplateConfig, accountId: string): TemplateResources | null {
	const values = {
		accountId: config.accountId ?? accountId,
		region: config.region,
		providers: config.providers.map((p) => ({ url: p.issuer, clientId: p.clientId })),
		bucketName: config.bucket,
		tableName: config.table,
	};
	// The inspector asks again on every change of the call log: read once per set of values.
	const key = JSON.stringify(values);
	if (last?.key !== key) {
		let read: TemplateResources | null = null;
		try {
			read = readTemplate(template, values);
		} catch {
			// An unreadable template leaves the inspector without policies: it then explains less, not wrong.
		}
		last = { key, read };
	}
	return last.read;
}

/** The account of a role ARN (`arn:aws:iam::123456789012:role/x` → `123456789012`). */
function accountOf(roleArn: string): string {
	return /^arn:[\w-]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? '';
}

/** The template's role `roleArn` for this runtime config, or `null` when the template does not define it. */
export function roleFromTemplate(config: TemplateConfig, roleArn: string): TemplateRole | null {
	const roles = templateFor(config, accountOf(roleArn))?.roles ?? [];
	return roles.find((role) => role.arn === roleArn) ?? null;
}

/** The template's table named `config.table`, or `null` when the template does not define it. */
export function tableFromTemplate(
	config: TemplateConfig,
	accountId: string,
): TableDefinition | null {
	const tables = templateFor(config, accountId)?.tables ?? [];
	return tables.find((table) => table.TableName === config.table) ?? null;
}

/**
 * The policies that decide a call made with this session's credentials: the role's permission policies
 * and, when the role was assumed with one, the session policy (`null` when a document does not parse).
 */
export function knownPolicySet(role: TemplateRole | null, sessionPolicy: string | null): PolicySet {
	const identity: NamedPolicy[] = [];
	for (const policy of role?.permissionPolicies ?? []) {
		try {
			identity.push(parsePolicy(policy.document, policy.name, 'identity-based'));
		} catch {
			// A document the evaluator cannot read is left out; the explanation then says less, not wrong.
		}
	}
	const set: PolicySet = { identity };
	if (sessionPolicy) {
		try {
			set.session = [parsePolicy(sessionPolicy, 'session-policy', 'session')];
		} catch {
			// Same: never guess at a session policy.
		}
	}
	return set;
}
