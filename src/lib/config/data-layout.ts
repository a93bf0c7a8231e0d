/**
 * The data layout the template's roles enforce (README, "Security model"); the one place that builds a
 * player's S3 prefix and DynamoDB partition key. Every role that grants per-identity data names its
 * provider's segment as a literal in its policy (`oidc1` for PlayerRole, `oidc2` for SecondPlayerRole):
 * - S3: `players/<segment>/<identity>/…` (`profile.json`, `saves/slot-<n>.json`);
 * - DynamoDB: partition key `UserId = <segment>/<identity>` (`oidc1/alice`).
 * The trust policies refuse an identity containing `/`, so one identity can never name a folder or a
 * partition inside another's, and two providers issuing the same `sub` land in different segments.
 */
import { AppError } from '../errors';

/** A provider's segment (config.json `dataSegment`): lowercase letters, digits and dashes; never a `/`. */
export const DATA_SEGMENT = /^[a-z0-9-]{1,32}$/;

/** Whose data: the signed-in identity, as the role's policy variable sees it. */
export interface PlayerIdentity {
	/** The segment of the provider that issued the identity (`oidc1`). */
	segment: string;
	/**
	 * The identity itself: for an OpenID Connect provider the token's `sub` (`alice`); for an Amazon Cognito
	 * identity pool the identity id (`us-east-1:…`, `${cognito-identity.amazonaws.com:sub}`).
	 */
	id: string;
	/** A Cognito guest (unauthenticated identity): its role keeps its runs off the leaderboard. */
	guest?: boolean;
	/**
	 * Guest identities this browser carried into this one at sign-in (linked or merged): their queued writes
	 * are sent as this identity (outbox entries take the identity id when they are sent).
	 */
	carriedFrom?: readonly string[];
}

/**
 * Whose data a session reaches: for an identity pool session the identity id its credentials were issued
 * for, for the direct path the ID token's `sub`.
 */
export function playerIdentityOf(
	segment: string,
	session: { sub: string; identityId?: string | undefined; guest?: boolean },
	carriedFrom: readonly string[] = [],
): PlayerIdentity {
	if (session.identityId === undefined) return { segment, id: session.sub };
	return {
		segment,
		id: session.identityId,
		...(session.guest ? { guest: true } : {}),
		...(carriedFrom.length > 0 ? { carriedFrom } : {}),
	};
}

/** Whether a write queued by `owner` may be sent as `player`: the same identity, or a guest carried into it. */
export function sendsAs(owner: PlayerIdentity, player: PlayerIdentity): boolean {
	if (owner.segment !== player.segment) return false;
	return owner.id === player.id || (player.carriedFrom ?? []).includes(owner.id);
}

/** Refuses what the policies could not tell apart: a bad segment, an empty identity or one with a `/`. */
function checked({ segment, id }: PlayerIdentity): PlayerIdentity {
	if (!DATA_SEGMENT.test(segment)) {
		throw new AppError(
			'data-invalid',
			`"${segment}" is not a data segment (${DATA_SEGMENT.source}).`,
		);
	}
	if (id === '' || id.includes('/')) {
		throw new AppError('data-invalid', 'An identity that is empty or contains "/" has no data.');
	}
	return { segment, id };
}

/** The player's S3 folder, with its trailing slash: `players/oidc1/alice/`. */
export function playerPrefix(player: PlayerIdentity): string {
	const { segment, id } = checked(player);
	return `players/${segment}/${id}/`;
}

/** The player's DynamoDB partition key (`UserId`): `oidc1/alice`. */
export function playerPartition(player: PlayerIdentity): string {
	const { segment, id } = checked(player);
	return `${segment}/${id}`;
}

/** The same identity at the same provider. */
export function samePlayer(a: PlayerIdentity, b: PlayerIdentity): boolean {
	return a.segment === b.segment && a.id === b.id;
}
