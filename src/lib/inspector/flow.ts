import { evaluate, type PolicySet } from '../iam';
import { isFailure, type CallLogEntry } from '../aws/call-log';
import { loggedErrorSummary } from '../aws/error-text';
import { explainEntryDenial } from './explain-entry';
import type { DecodedJwt } from '../aws/jwt';
import { requestContextOf, type SessionIdentity } from './request-context';
import type { TemplateRole } from './role-policies';
import { tagFactsOf } from './session-facts';

/** What a failed call's code means (error-text.ts), else AWS's message; undefined without an error. */
function failureSummary(entry: CallLogEntry): string | undefined {
	return entry.error && loggedErrorSummary(entry.error);
}

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
	/** A signed AssumeRole from the player's session: role chaining. */
	| 'chain'
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
	/** Facts the step carried that the inspector names: session tags, source identity, the chain's parent. */
	facts?: { label: string; value: string }[];
	/** For a chained AssumeRole: the step that made the session it was signed with (its parent). */
	parentStepId?: string;
	/** A short line the diagram writes above the arrow (tags, source identity, duration); details in `facts`. */
	note?: string;
}

const NOTE_MAX = 90;

const withNote = (facts: { label: string; value: string }[]) => {
	const note = noteOf(facts);
	return note === undefined ? {} : { note };
};

/** One short line from a step's facts: ARNs left to the detail panel. */
function noteOf(facts: { label: string; value: string }[]): string | undefined {
	const short = facts
		.filter((f) => !f.value.startsWith('arn:'))
		.map((f) => `${f.label}: ${f.value}`)
		.join(' · ');
	if (short === '') return undefined;
	return short.length > NOTE_MAX ? `${short.slice(0, NOTE_MAX - 1)}…` : short;
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

/** `www.amazon.com` when the call traded an OAuth 2.0 access token (its `ProviderId`), else null. */
function accessTokenProvider(entry: CallLogEntry): string | null {
	return entry.operation === 'AssumeRoleWithWebIdentity' ? str(entry.input?.ProviderId) : null;
}

/** The OAuth 2.0 path's sign-in: an opaque access token, no ID token to show. */
function accessTokenSignInStep(entry: CallLogEntry, providerId: string): FlowStep {
	return {
		id: `sign-in-${entry.id}`,
		kind: 'sign-in',
		from: 'provider',
		to: 'browser',
		label: 'access token (code + PKCE)',
		reply: 'opaque, no ID token',
		ok: true,
		expected: null,
		time: entry.time,
		proves: `You signed in at ${providerId} (OAuth 2.0, not OpenID Connect): the app got an opaque access token, read your name from the provider's profile endpoint with it, and never saw your password. No ID token and no refresh token: the session lasts as long as the AWS credentials.`,
		policy: null,
		entry: null,
		token: null,
	};
}

/** STS asks the provider about the access token, server to server, before answering the app. */
function tokenInfoStep(entry: CallLogEntry, providerId: string): FlowStep {
	return {
		id: `token-info-${entry.id}`,
		kind: 'other',
		from: 'sts',
		to: 'provider',
		label: 'whose token? (token information)',
		reply: entry.ok ? 'user_id · app_id' : (entry.error?.code ?? 'refused'),
		ok: entry.ok || entry.error?.code !== 'IDPRejectedClaim',
		expected: null,
		time: entry.time,
		proves: `An access token is not a JWT, so STS cannot check it itself: it asks ${providerId} which user and which application the token belongs to. Those become ${providerId}:user_id and ${providerId}:app_id for the trust and permission policies.`,
		policy: null,
		entry: null,
		token: null,
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

/** The session tags and source identity an AssumeRoleWithWebIdentity carried (the token's, STS's answer). */
function tagFacts(entry: CallLogEntry): { label: string; value: string }[] {
	const { sessionTags, sessionTagsProblem, tokenSourceIdentity } = tagFactsOf(
		entry.identityToken ?? null,
	);
	const facts: { label: string; value: string }[] = [];
	const tags = Object.entries(sessionTags?.tags ?? {});
	if (tags.length > 0) {
		const transitive = new Set(sessionTags?.transitiveTagKeys ?? []);
		facts.push({
			label: 'Session tags',
			value: tags
				.map(([k, v]) => `${k}=${v}${transitive.has(k) ? ' (transitive)' : ''}`)
				.join(', '),
		});
	} else if (sessionTagsProblem) {
		facts.push({ label: 'Session tags', value: `unreadable: ${sessionTagsProblem}` });
	}
	const sourceIdentity = str(entry.output?.SourceIdentity) ?? tokenSourceIdentity;
	if (sourceIdentity) facts.push({ label: 'Source identity', value: sourceIdentity });
	return facts;
}

/** A signed AssumeRole from the player's session (role chaining). */
function chainStep(entry: CallLogEntry, parent: FlowStep | null, context: FlowContext): FlowStep {
	const input = entry.input ?? {};
	const roleName = str(input.RoleArn)?.split('/').at(-1) ?? 'a role';
	const user = (entry.output?.AssumedRoleUser ?? {}) as { Arn?: unknown };
	// The session that signed it: the last assumed in this page, else (restored from the vault) the session's.
	const parentArn =
		str((parent?.entry?.output?.AssumedRoleUser as { Arn?: unknown } | undefined)?.Arn) ??
		context.identity?.principal ??
		null;
	const facts: { label: string; value: string }[] = [];
	if (parentArn) facts.push({ label: 'Parent session', value: parentArn });
	if (typeof input.DurationSeconds === 'number') {
		facts.push({ label: 'DurationSeconds', value: String(input.DurationSeconds) });
	}
	const sourceIdentity = str(entry.output?.SourceIdentity);
	if (sourceIdentity) facts.push({ label: 'Source identity (carried)', value: sourceIdentity });
	const chainedArn = str(user.Arn);
	if (chainedArn) facts.push({ label: 'Chained session', value: chainedArn });
	return {
		id: `call-${entry.id}`,
		kind: 'chain',
		from: 'browser',
		to: 'sts',
		ok: entry.ok,
		expected: null,
		time: entry.time,
		entry,
		token: null,
		label: `AssumeRole ${roleName} (chained, SigV4)`,
		reply: reply(entry, 'chained credentials'),
		proves: entry.ok
			? `Role chaining: the player's session${parentArn ? ` (${parentArn})` : ''} signed an AssumeRole into ${roleName}. The target's trust policy let it in because of the session's role tag; the transitive tags and the source identity passed on and cannot change, and the new session lasts at most an hour and never longer than its parent.`
			: `The chained AssumeRole into ${roleName} was refused: ${failureSummary(entry) ?? 'see the response'}.`,
		policy: null,
		facts,
		...withNote(facts),
		...(parent ? { parentStepId: parent.id } : {}),
	};
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
		const providerId = accessTokenProvider(entry);
		const facts = tagFacts(entry);
		const tagged = facts.some((f) => f.label === 'Session tags');
		return {
			...base,
			...common,
			facts,
			...withNote(facts),
			kind: refresh ? 'refresh' : 'assume-role',
			label: `AssumeRoleWithWebIdentity${providerId ? ` + ProviderId ${providerId}` : ''}${tagged ? ' + tags' : ''}${scoped ? ' + session policy' : ''}${refresh ? ' (again)' : ''}`,
			reply: reply(entry, 'temporary credentials'),
			proves: refresh
				? `New temporary credentials for the same role${scoped ? ', scoped down by a session policy: the session gets only what both the role and that policy allow' : ', before the old ones expire'}. No password asked: the ${providerId ? 'access token of this sign-in' : 'ID token (or a silently renewed one)'} is enough.`
				: providerId
					? `STS took the opaque access token with ProviderId ${providerId}, asked ${providerId} whose it is, then checked the role’s trust policy (${providerId}:app_id must be this app). The call is unsigned: the access token is the only proof. The answer: credentials that expire, and are not renewed without you.`
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
			? `AWS refused, and says why: ${denial?.explanation.text ?? failureSummary(entry) ?? 'access denied'}`
			: entry.ok
				? ownDataProof(context)
				: (entry.expected ?? failureSummary(entry) ?? 'The call failed.'),
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

function ownDataProof(context: FlowContext): string {
	const provider = context.identity?.provider;
	if (provider === 'www.amazon.com' || provider === 'graph.facebook.com') {
		return `Signed with the temporary credentials. The permission policy allowed it because it touches only your own data, under your provider’s segment: AWS filled \${${provider}:user_id} with the user id ${provider} gave for your access token, not from anything the app sent.`;
	}
	return 'Signed with the temporary credentials. The permission policy allowed it because it touches only your own data, under your provider’s segment: AWS filled ${…:sub} with your sub from the ID token, not from anything the app sent.';
}

/** The AccessKeyId a logged call was signed with (SigV4's `Credential=`; not a secret); null when unsigned. */
function signingKey(entry: CallLogEntry): string | null {
	const headers = entry.request?.headers ?? {};
	const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
	return (auth && /Credential=([A-Z0-9]{16,128})\//.exec(auth)?.[1]) ?? null;
}

/** A call signed with a chained session's credentials: the player's policies did not decide it. */
function chainedDataStep(entry: CallLogEntry, roleName: string): FlowStep {
	return {
		id: `call-${entry.id}`,
		kind: isFailure(entry) ? 'denial' : 'data-call',
		from: 'browser',
		to: TARGET[entry.service] ?? 'sts',
		label: `${subject(entry)} (as ${roleName})`,
		reply: reply(entry, entry.service === 'S3' ? 'object' : 'ok'),
		...outcome(entry),
		time: entry.time,
		proves: entry.ok
			? `Signed with the chained ${roleName} session's credentials, not the player's: that role's own policy decided, and only it may write here.`
			: (entry.expected ?? failureSummary(entry) ?? 'The call failed.'),
		policy: null,
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
			: `Amazon Cognito refused: ${failureSummary(entry) ?? 'the call failed'}`,
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
	let parent: FlowStep | null = null;
	// AccessKeyId of each chained session → its role's name.
	const chainedKeys = new Map<string, string>();
	for (const entry of entries) {
		const key = entry.service === 'STS' ? null : signingKey(entry);
		const chainedRole = key === null ? undefined : chainedKeys.get(key);
		if (chainedRole !== undefined) {
			steps.push(chainedDataStep(entry, chainedRole));
			continue;
		}
		if (entry.service === 'CognitoIdentity') {
			// The provider's ID token rides in Logins: the sign-in step, before the pool's first call.
			if (entry.identityToken && loginsOf(entry).length > 0 && !signedIn) {
				steps.push(signInStep(entry, entry.identityToken));
				signedIn = true;
			}
			steps.push(cognitoStep(entry));
		} else if (entry.service === 'STS') {
			const providerId = accessTokenProvider(entry);
			const fromCognito = /cognito-identity\.amazonaws\.com/.test(
				str(entry.identityToken?.claims.iss) ?? '',
			);
			if (entry.operation === 'AssumeRoleWithWebIdentity' && !fromCognito && !signedIn) {
				const signIn = entry.identityToken
					? signInStep(entry, entry.identityToken)
					: providerId
						? accessTokenSignInStep(entry, providerId)
						: null;
				if (signIn) steps.push(signIn);
				signedIn = signIn !== null;
			}
			// An unsupported ProviderId (InvalidIdentityToken) is refused before STS asks anyone.
			if (providerId && entry.error?.code !== 'InvalidIdentityToken')
				steps.push(tokenInfoStep(entry, providerId));
			if (entry.operation === 'AssumeRole') {
				const issued = str(
					(entry.output?.Credentials as { AccessKeyId?: unknown } | undefined)?.AccessKeyId,
				);
				const role = str(entry.input?.RoleArn)?.split('/').at(-1) ?? 'chained role';
				if (entry.ok && issued) chainedKeys.set(issued, role);
				steps.push(chainStep(entry, parent, context));
				continue;
			}
			const step = stsStep(entry, assumes, context);
			steps.push(step);
			if (entry.operation === 'AssumeRoleWithWebIdentity' && entry.ok) {
				assumes += 1;
				parent = step;
			}
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
