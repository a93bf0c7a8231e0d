/**
 * The claims through which a web identity token carries session tags and a source identity to STS (IAM User
 * Guide, "Passing session tags using AssumeRoleWithWebIdentity" and "Using source identity with
 * AssumeRoleWithWebIdentity"). The identity providers put them in; STS reads them.
 */
export const TAGS_CLAIM = 'https://aws.amazon.com/tags';
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

/** The value of {@link TAGS_CLAIM}: one value per tag, as a one-element array. */
export interface TagsClaim {
	principal_tags: Record<string, [string]>;
	transitive_tag_keys: string[];
}
