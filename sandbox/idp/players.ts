import { SOURCE_IDENTITY_CLAIM, TAGS_CLAIM } from '../aws-token-claims';
import { awsClaimsOf } from './player-tags';

/**
 * Test players as accounts of one identity provider. The `sub` is the player name plus an optional
 * per-provider prefix, so the same player at two providers is two different principals (as it is in
 * real life), and every `sub` stays valid inside an S3 key and a DynamoDB partition key.
 */
export interface PlayerDirectory {
	/** Player names in the order the login page lists them. */
	readonly players: readonly string[];
	/** The player name for a typed-in value, or undefined when there is no such test player. */
	findPlayer(input: string): string | undefined;
	/** The `sub` claim of a player. */
	subjectOf(player: string): string;
	/** The player behind a `sub`, or undefined for a foreign subject. */
	playerOf(subject: string): string | undefined;
	/** Every claim the provider can release for a player (filtered by scope later). */
	claimsOf(player: string): PlayerClaims;
}

export interface PlayerClaims {
	sub: string;
	name: string;
	preferred_username: string;
	email: string;
	email_verified: boolean;
	[claim: string]: unknown;
}

/** Claims the provider grants for the sandbox scopes, by scope. AWS's tag and source identity claims come with
 * `openid`: every ID token carries them, as STS needs them whatever else the app asks for. */
export const scopeClaims = {
	openid: ['sub', TAGS_CLAIM, SOURCE_IDENTITY_CLAIM],
	profile: ['name', 'preferred_username'],
	email: ['email', 'email_verified'],
} as const;

const subjectCharacters = /^[A-Za-z0-9._-]+$/;

/** Builds the account directory of one provider. `emailDomain` keeps e-mails apart per provider. */
export function createPlayerDirectory(
	players: readonly string[],
	subjectPrefix: string,
	emailDomain: string,
): PlayerDirectory {
	for (const player of players) {
		if (!subjectCharacters.test(subjectPrefix + player)) {
			throw new Error(`test player "${player}" would give an unsafe sub; use [A-Za-z0-9._-]`);
		}
	}
	const known = new Map(players.map((player) => [player.toLowerCase(), player]));
	return {
		players,
		findPlayer: (input) => known.get(input.trim().toLowerCase()),
		subjectOf: (player) => subjectPrefix + player,
		playerOf(subject) {
			if (!subject.startsWith(subjectPrefix)) return undefined;
			const player = subject.slice(subjectPrefix.length);
			return players.includes(player) ? player : undefined;
		},
		claimsOf: (player) => ({
			sub: subjectPrefix + player,
			name: player.charAt(0).toUpperCase() + player.slice(1),
			preferred_username: player,
			email: `${player}@${emailDomain}`,
			email_verified: true,
			...awsClaimsOf(player, `${player}@${emailDomain}`),
		}),
	};
}
