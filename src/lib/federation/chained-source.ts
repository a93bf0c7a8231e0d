import type { Clock } from '../aws/clock';
import type { AwsCredentialsProvider } from '../aws/retry-on-expired';
import type { AssumeRoleInput, AssumeRoleOutput } from '../aws/sts';
import type { RuntimeConfig } from '../config/schema';
import { AppError } from '../errors';
import type { CredentialRecord, CredentialsMetadata } from '../vault/types';
import { toStsError } from './errors';
import type { CredentialSource } from './source';
import { recordFromSts } from './sts';

/**
 * Role chaining (IAM User Guide, "Role chaining"): a second role taken with a signed `AssumeRole` from the
 * player's own session, its parent. AWS caps a chained session at one hour and STS refuses less than 900 s, so
 * the source asks for min(3600 s, what the parent has left) and never less than 900 s: when the parent has
 * under 15 minutes left it is refreshed first. The answer never outlives the parent: its expiration is cut
 * to the parent's, so the credential provider renews the chain (parent first) before the parent runs out.
 */

/** STS's floor for DurationSeconds. */
export const STS_MIN_DURATION_SECONDS = 900;
/** AWS's cap on a session assumed by role chaining. */
export const CHAIN_MAX_DURATION_SECONDS = 3600;

export interface ChainPlan {
	/** The parent has under 900 s left: refresh it before asking STS. */
	refreshParentFirst: boolean;
	/** What to ask STS for: min(3600, parent's remaining whole seconds), never below 900. */
	durationSeconds: number;
}

/** The duration to ask for, from what the parent has left (ms, on the corrected clock). */
export function chainPlan(parentRemainingMs: number): ChainPlan {
	const remaining = Math.floor(Math.max(0, parentRemainingMs) / 1000);
	return {
		refreshParentFirst: remaining < STS_MIN_DURATION_SECONDS,
		durationSeconds: Math.max(
			STS_MIN_DURATION_SECONDS,
			Math.min(CHAIN_MAX_DURATION_SECONDS, remaining),
		),
	};
}

/** The chained session's name: the parent's, `fedplay-carol` → `tournament-carol` (a label only). */
export function chainedSessionName(parentAssumedRoleArn: string, label = 'tournament'): string {
	const parentName = parentAssumedRoleArn.split('/').at(-1) ?? '';
	const who = parentName.replace(/^fedplay-/, '').replace(/[^\w+=,.@-]/g, '_') || 'player';
	return `${label}-${who}`.slice(0, 64);
}

/** The vault key of a chained role's credentials: its own, beside the parent's. */
export function chainedSourceKey(parentKey: string, roleArn: string): string {
	return `chain|${roleArn}|${parentKey}`;
}

/** The parent session as the chain uses it: the player's credential provider. */
export interface ParentSession {
	/** The parent's credentials (refreshed by its own provider): they sign the AssumeRole. */
	credentials: AwsCredentialsProvider;
	/** What the parent holds now, without secrets. */
	current(): CredentialsMetadata | null;
	/** New parent credentials now. */
	refreshNow(): Promise<void>;
	/** The parent's source key (`CredentialSource.key`). */
	key: string;
}

/** One signed AssumeRole with the parent's credentials: lib/aws's STS calls in the app, a fake in tests. */
export type AssumeRoleCall = (
	input: AssumeRoleInput,
	credentials: AwsCredentialsProvider,
) => Promise<AssumeRoleOutput>;

export interface ChainedSourceOptions {
	parent: ParentSession;
	roleArn: string;
	/** The corrected clock. */
	now: () => number;
	/** STS; by default lib/aws's signed AssumeRole with `config` and `clock`. */
	assume?: AssumeRoleCall;
	config?: Pick<RuntimeConfig, 'region' | 'endpoint'>;
	clock?: Clock;
}

/** A credential source whose parent is the player's session: signed AssumeRole into `roleArn`. */
export function createChainedRoleSource(options: ChainedSourceOptions): CredentialSource {
	const { parent, roleArn, now } = options;
	const key = chainedSourceKey(parent.key, roleArn);
	const assume: AssumeRoleCall =
		options.assume ??
		(async (input, credentials) => {
			if (!options.config) throw new AppError('unknown', 'The chained source has no config.');
			const { createStsCalls } = await import('../aws/sts');
			const sts = createStsCalls({
				region: options.config.region,
				endpoint: options.config.endpoint,
				credentials,
				...(options.clock ? { clock: options.clock } : {}),
			});
			try {
				return await sts.assumeRole(input);
			} finally {
				sts.destroy();
			}
		});

	/** The parent's credentials, refreshed first when they cannot cover STS's 900 s floor. */
	async function parentFor(): Promise<{ held: CredentialsMetadata; plan: ChainPlan }> {
		await parent.credentials();
		let held = parent.current();
		if (!held) throw noParent();
		let plan = chainPlan(held.expiration - now());
		if (plan.refreshParentFirst) {
			await parent.refreshNow();
			held = parent.current();
			if (!held) throw noParent();
			plan = chainPlan(held.expiration - now());
		}
		return { held, plan };
	}

	return {
		key,
		kind: 'chained',
		supportsSessionTags: true,
		async obtain(): Promise<CredentialRecord> {
			const { held, plan } = await parentFor();
			let answer: AssumeRoleOutput;
			try {
				answer = await assume(
					{
						RoleArn: roleArn,
						RoleSessionName: chainedSessionName(held.assumedRoleArn),
						DurationSeconds: plan.durationSeconds,
					},
					parent.credentials,
				);
			} catch (error) {
				throw await toStsError(error);
			}
			const record = recordFromSts(answer, {
				sourceKey: key,
				providerId: held.providerId,
				roleArn,
				obtainedAt: now(),
			});
			// Transitive tags pass on, unchanged; the source identity is STS's answer (the parent's).
			const passing = new Set((held.transitiveTagKeys ?? []).map((k) => k.toLowerCase()));
			const tags = Object.fromEntries(
				Object.entries(held.tags ?? {}).filter(([k]) => passing.has(k.toLowerCase())),
			);
			return {
				...record,
				// Never outlive the parent.
				expiration: Math.min(record.expiration, held.expiration),
				subject: held.subject,
				issuer: held.issuer,
				parent: parent.key,
				tags,
				transitiveTagKeys: Object.keys(tags),
				...(answer.SourceIdentity === undefined && held.sourceIdentity !== undefined
					? { sourceIdentity: held.sourceIdentity }
					: {}),
			};
		},
		signInAgain(): Promise<never> {
			return Promise.reject(
				new AppError(
					'session-expired',
					'The player session this role was taken from has ended: sign in again, then take the role again.',
					{ title: 'Your player session has ended', hint: 'Sign in again.' },
				),
			);
		},
	};
}

function noParent(): AppError {
	return new AppError('credentials-expired', 'There is no player session to take the role from.', {
		title: 'Not signed in',
		hint: 'Sign in first.',
	});
}
