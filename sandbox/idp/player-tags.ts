import { SOURCE_IDENTITY_CLAIM, TAGS_CLAIM, type TagsClaim } from '../aws-token-claims';

/**
 * The test players' session tags (DESIGN.md): alice and bob play for team red, carol for team blue and runs the
 * tournament. Policies read them as `aws:PrincipalTag/team` (the team board) and `aws:PrincipalTag/role` (the
 * tournament role's trust policy).
 */
const PLAYER_TAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	alice: { team: 'red' },
	bob: { team: 'red' },
	carol: { team: 'blue', role: 'organizer' },
};

/**
 * `team` is transitive, so a session chained from the player's (the tournament role) still says whose team it
 * acts for, and cannot be given another one. `role` is not: it says what the player may ask for, and the
 * tournament role's trust policy has used it by the time a chained session exists.
 */
const TRANSITIVE_TAG_KEYS = ['team'];

/**
 * AWS's claims for `player`: the tag claim (players without tags get none) and the source identity, the
 * player's e-mail address at this provider, which STS accepts (`[\w+=,.@-]`, 2–64 characters) and which
 * names the person behind every session of a role chain.
 */
export function awsClaimsOf(player: string, email: string): Record<string, unknown> {
	const claims: Record<string, unknown> = { [SOURCE_IDENTITY_CLAIM]: email };
	const tags = PLAYER_TAGS[player];
	if (tags) {
		const claim: TagsClaim = {
			principal_tags: Object.fromEntries(
				Object.entries(tags).map(([key, value]) => [key, [value] as [string]]),
			),
			transitive_tag_keys: TRANSITIVE_TAG_KEYS.filter((key) => key in tags),
		};
		claims[TAGS_CLAIM] = claim;
	}
	return claims;
}
