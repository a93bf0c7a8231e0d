import template from '../../../infra/fedplay.template.json';
import type { RuntimeConfig } from '../config/schema';
import { parsePolicy, type NamedPolicy, type PolicySet } from '../iam';
import { templateRoles, type PolicyTemplate, type TemplateRole } from './template-policies';

/*
 * The template is bundled into the (lazy) inspector chunk: the policies are public anyway, they are the
 * ones that deploy, and the browser has no other way to know them.
 */

/** The account of a role ARN (`arn:aws:iam::123456789012:role/x` → `123456789012`). */
function accountOf(roleArn: string): string {
	return /^arn:[\w-]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? '';
}

/** The template's role `roleArn` for this runtime config, or `null` when the template does not define it. */
export function roleFromTemplate(
	config: Pick<RuntimeConfig, 'accountId' | 'region' | 'bucket' | 'table' | 'providers'>,
	roleArn: string,
): TemplateRole | null {
	try {
		const roles = templateRoles(template as unknown as PolicyTemplate, {
			accountId: config.accountId ?? accountOf(roleArn),
			region: config.region,
			providers: config.providers.map((p) => ({ url: p.issuer, clientId: p.clientId })),
			bucketName: config.bucket,
			tableName: config.table,
		});
		return roles.find((role) => role.arn === roleArn) ?? null;
	} catch {
		return null;
	}
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
