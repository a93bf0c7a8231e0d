import { evaluate, type PolicySet } from '../iam';
import { isFailure, type CallLogEntry } from '../aws/call-log';
import { explainEntryDenial } from './explain-entry';
import type { DecodedJwt } from '../aws/jwt';
import { requestContextOf, type SessionIdentity } from './request-context';
import type { TemplateRole } from './role-policies';

/**
 * The federation flow as it actually happened in this session, built from the call log: the sign-in at
 * the provider (the ID token STS received), AssumeRoleWithWebIdentity, the signed calls to S3, DynamoDB
 * and STS, refreshes and denials, each with a plain note on what it proves. Pure: the view draws it.
 */

export type Lifeline = 'browser' | 'provider' | 'cognito' | 'sts' | 's3' | 'dynamodb';

export const LIFELINES: readonly { id: Lifeline; label: string }[] = [
	{ id: 'browser', label: 'Browser' },
	{ id: 'provider', label: 'Provider' },
	{ id: 'cognito', label: 'Cognito' },
	{ id: 'sts', label: 'STS' },
	{ id: 's3', label: 'S3' },
	{ id: 'dynamodb', label: 'DynamoDB' },
];

export type StepKind =
	| 'sign-in'
	/** An Amazon Cognito Identity call: GetId, GetOpenIdToken, GetCredentialsForIdentity. */
	| 'cognito'
	| 'assume-role'
	| 'refresh'
	| 'caller-identity'
	| 'data-call'
	| 'denial'
	| 'decode'
	| 'other';

export interface FlowStep {
	id: string;
	kind: StepKind;
	from: Lifeline;
	to: Lifeline;
	/** The arrow's label: the operation and what it was about. */
	label: string;
	/** The answer's label: `200 · credentials`, `403 AccessDenied`. */
	reply: string;
	/** False only for a real failure (an expected outcome, such as a write its condition refused, is ok). */
	ok: boolean;
	/** An expected outcome: why, in one line (the step is drawn neutral). */
	expected: string | null;
	/** ISO 8601. */
	time: string;
	/** What this step proves, in plain words. */
	proves: string;
	/** The policy that decided, when known: a title and the JSON. */
	policy: { title: string; json: string } | null;
	/** The call behind the step (request and response, redacted); `null` for the sign-in step. */
	entry: CallLogEntry | null;
	/** For the sign-in step: the ID token's header and claims. */
	token: DecodedJwt | null;
}

export interface FlowContext {
	identity: SessionIdentity | null;
	policies: PolicySet;
	role: TemplateRole | null;
}

const TARGET: Record<string, Lifeline> = {
	STS: 'sts',
	S3: 's3',
	DynamoDB: 'dynamodb',
	CognitoIdentity: 'cognito',
};

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `GetObject players/oidc1/alice/profile.json`, `Query GameTitleIndex`, `PutItem GameScores`. */
function subject(entry: CallLogEntry): string {
	const input = entry.input ?? {};
	const what =
		str(input.Key) ??
		(typeof input.Prefix === 'string' ? `${input.Prefix}*` : null) ??
		str(input.IndexName) ??
		str(input.TableName) ??
		(entry.operation === 'TransactWriteItems' ? 'GameScores (transaction)' : null);
	return what ? `${entry.operation} ${what}` : entry.operation;
}

function reply(entry: CallLogEntry, success: string): string {
	if (entry.ok) return `${entry.status ?? 200} · ${success}`;
	const answer = `${entry.status ?? 'no answer'} ${entry.error?.code ?? 'error'}`;
	return entry.expected === undefined ? answer : `${answer} · expected`;
}

/** Whether the step is ok (only a real failure is not) and, for an expected outcome, why. */
function outcome(entry: CallLogEntry): { ok: boolean; expected: string | null } {
	return { ok: !isFailure(entry), expected: entry.expected ?? null };
}

function signInStep(entry: CallLogEntry, token: DecodedJwt): FlowStep {
	const iat = token.claims.iat;
	const iss = str(token.claims.iss) ?? 'the provider';
	return {
		id: `sign-in-${entry.id}`,
		kind: 'sign-in',
		from: 'provider',
		to: 'browser',
		label: 'ID token (code + PKCE)',
		reply: `signed ${str(token.header.alg) ?? 'JWT'}`,
		ok: true,
		expected: null,
		time: typeof iat === 'number' ? new Date(iat * 1000).toISOString() : entry.time,
		proves: `You signed in at ${iss}, which vouches for who you are by signing this token with its key. The app never saw your password, and no AWS key ships with it.`,
		policy: null,
		entry: null,
		token,
	};
}

function allowedBy(entry: CallLogEntry, context: FlowContext): FlowStep['policy'] {
	if (!context.identity) return null;
	const requests = requestContextOf(entry, context.identity);
	for (const request of requests) {
		const statement = evaluate(request, context.policies).decidingStatement;
		if (!statement) continue;
		const policy = [...context.policies.identity, ...(context.policies.session ?? [])].find(
			(p) => p.name === statement.policy,
		);
		const document = policy?.document.Statement[statement.index];
		if (!document) continue;
		const name = statement.sid ?? `#${statement.index}`;
		return {
			title: `${request.action} allowed by statement ${name} of ${statement.policy}`,
			json: JSON.stringify(document, null, 2),
		};
	}
	return null;
}

function stsStep(entry: CallLogEntry, assumeIndex: number, context: FlowContext): FlowStep {
	const base = {
		id: `call-${entry.id}`,
		from: 'browser' as const,
		to: 'sts' as const,
		...outcome(entry),
	};
	const common = { time: entry.time, entry, token: null };
	if (entry.operation === 'AssumeRoleWithWebIdentity') {
		const refresh = assumeIndex > 0;
		const scoped = str(entry.input?.Policy) !== null;
		return {
			...base,
			...common,
			kind: refresh ? 'refresh' : 'assume-role',
			label: `AssumeRoleWithWebIdentity${scoped ? ' + session policy' : ''}${refresh ? ' (again)' : ''}`,
			reply: reply(entry, 'temporary credentials'),
			proves: refresh
				? `New temporary credentials for the same role${scoped ? ', scoped down by a session policy: the session gets only what both the role and that policy allow' : ', before the old ones expire'}. No password asked: the ID token (or a silently renewed one) is enough.`
				: 'STS checked the token’s signature against the provider’s published keys, then the role’s trust policy (the token’s aud must be this app). The call is unsigned: the ID token is the only proof. The answer: credentials that expire.',
			policy: context.role
				? {
						title: `Trust policy of ${context.role.name}`,
						json: JSON.stringify(context.role.trustPolicy, null, 2),
					}
				: null,
		};
	}
	if (entry.operation === 'GetCallerIdentity') {
		return {
			...base,
			...common,
			kind: 'caller-identity',
			label: 'GetCallerIdentity (SigV4)',
			reply: reply(entry, 'assumed-role ARN'),
			proves:
				'The temporary credentials work: a request signed with them (SigV4 + X-Amz-Security-Token) comes back naming the assumed role and this session.',
			policy: null,
		};
	}
	return {
		...base,
		...common,
		kind: entry.operation === 'DecodeAuthorizationMessage' ? 'decode' : 'other',
		label: `${entry.operation} (SigV4)`,
		reply: reply(entry, 'ok'),
		proves:
			entry.operation === 'DecodeAuthorizationMessage'
				? 'sts:DecodeAuthorizationMessage turns an opaque denial blob into the decision and its context; only a caller allowed that action may read it.'
				: `A signed STS call with the temporary credentials.`,
		policy: null,
	};
}

function dataStep(entry: CallLogEntry, context: FlowContext): FlowStep {
	const denied = !entry.ok && entry.error?.category === 'access-denied';
	const denial = denied
		? explainEntryDenial(entry, context.identity, context.policies)[0]
		: undefined;
	return {
		id: `call-${entry.id}`,
		kind: denied ? 'denial' : 'data-call',
		from: 'browser',
		to: TARGET[entry.service] ?? 'sts',
		label: subject(entry),
		reply: reply(
			entry,
			entry.operation.startsWith('List') ? 'keys' : entry.service === 'S3' ? 'object' : 'ok',
		),
		...outcome(entry),
		time: entry.time,
		proves: denied
			? `AWS refused, and says why: ${denial?.explanation.text ?? entry.error?.summary ?? 'access denied'}`
			: entry.ok
				? 'Signed with the temporary credentials. The permission policy allowed it because it touches only your own data, under your provider’s segment: AWS filled ${…:sub} with your sub from the ID token, not from anything the app sent.'
				: (entry.expected ?? entry.error?.summary ?? 'The call failed.'),
		policy: denied
			? denial?.explanation.decidingStatement
				? {
						title: `Deciding statement: ${denial.explanation.decidingStatement.sid ?? '#' + denial.explanation.decidingStatement.index} of ${denial.explanation.decidingStatement.policy}`,
						json: denial.explanation.text,
					}
				: null
			: allowedBy(entry, context),
		entry,
		token: null,
	};
}

/** The pool's guest or a login: what a Cognito call's input says. */
function loginsOf(entry: CallLogEntry): string[] {
	const logins = entry.input?.Logins;
	return typeof logins === 'object' && logins !== null ? Object.keys(logins) : [];
}

function cognitoStep(entry: CallLogEntry): FlowStep {
	const logins = loginsOf(entry);
	const who = logins.length > 0 ? `Logins: ${logins.join(', ')}` : 'no Logins (guest)';
	const identity = str(entry.output?.IdentityId) ?? str(entry.input?.IdentityId);
	const amr = entry.identityToken?.claims.amr;
	const words: Record<string, { label: string; success: string; proves: string }> = {
		GetId: {
			label: `GetId (${who})`,
			success: 'identity id',
			proves:
				logins.length > 0
					? `Amazon Cognito checked the ID token in Logins against the providers the pool trusts and answered with your identity id${identity ? ` (${identity})` : ''}: the same one every time you sign in with this login. Unsigned: the token is the only proof.`
					: `No login: Amazon Cognito made (or found) a guest identity${identity ? ` (${identity})` : ''} because the pool allows unauthenticated identities.`,
		},
		GetCredentialsForIdentity: {
			label: `GetCredentialsForIdentity (${who})`,
			success: 'credentials',
			proves: `Enhanced flow: Amazon Cognito assumed the pool's ${logins.length > 0 ? 'authenticated' : 'guest'} role for this identity and handed back temporary credentials. The role's trust policy checked cognito-identity.amazonaws.com:aud (this pool) and :amr; its permissions reach only data under \${cognito-identity.amazonaws.com:sub}.`,
		},
		GetOpenIdToken: {
			label: `GetOpenIdToken (${who})`,
			success: 'Cognito token',
			proves: `Basic flow: Amazon Cognito's own OpenID token for the identity (iss cognito-identity.amazonaws.com, aud the pool, sub the identity id${Array.isArray(amr) ? `, amr ${JSON.stringify(amr)}` : ''}), valid 10 minutes. The app trades it with STS next, for the role and duration it chooses.`,
		},
	};
	const known = words[entry.operation];
	return {
		id: `call-${entry.id}`,
		kind: 'cognito',
		from: 'browser',
		to: 'cognito',
		label: known?.label ?? entry.operation,
		reply: reply(entry, known?.success ?? 'ok'),
		...outcome(entry),
		time: entry.time,
		proves: entry.ok
			? (known?.proves ?? 'An Amazon Cognito Identity call.')
			: `Amazon Cognito refused: ${entry.error?.summary ?? 'the call failed'}`,
		policy: null,
		entry,
		token: null,
	};
}

/** The steps of this session's flow, oldest first. */
export function buildFlow(entries: readonly CallLogEntry[], context: FlowContext): FlowStep[] {
	const steps: FlowStep[] = [];
	let assumes = 0;
	let signedIn = false;
	for (const entry of entries) {
		if (entry.service === 'CognitoIdentity') {
			// The provider's ID token rides in Logins: the sign-in step, before the pool's first call.
			if (entry.identityToken && loginsOf(entry).length > 0 && !signedIn) {
				steps.push(signInStep(entry, entry.identityToken));
				signedIn = true;
			}
			steps.push(cognitoStep(entry));
		} else if (entry.service === 'STS') {
			const fromCognito = /cognito-identity\.amazonaws\.com/.test(
				str(entry.identityToken?.claims.iss) ?? '',
			);
			if (
				entry.operation === 'AssumeRoleWithWebIdentity' &&
				entry.identityToken &&
				!fromCognito &&
				!signedIn
			) {
				steps.push(signInStep(entry, entry.identityToken));
				signedIn = true;
			}
			steps.push(stsStep(entry, assumes, context));
			if (entry.operation === 'AssumeRoleWithWebIdentity' && entry.ok) assumes += 1;
		} else {
			steps.push(dataStep(entry, context));
		}
	}
	return steps;
}

/** Why the other federation routes of AWS are not done from a browser. */
export const SERVER_ONLY_ROUTES: readonly { name: string; why: string }[] = [
	{
		name: 'SAML 2.0 (AssumeRoleWithSAML)',
		why: 'The identity provider posts the SAML assertion to a server endpoint (an Assertion Consumer Service), not to JavaScript, and assertions are built for server-side consumption. A browser app would need a server to receive it.',
	},
	{
		name: 'Identity broker (GetFederationToken)',
		why: 'GetFederationToken must be signed with long-term IAM user keys. Those keys can never ship in a browser, so the broker is by definition a server that holds them and hands out tokens.',
	},
	{
		name: 'GetSessionToken with MFA',
		why: 'It too is called with an IAM user’s long-term keys (plus the MFA code) and returns credentials for that user: no web identity involved, and no key may live in a static site.',
	},
];
