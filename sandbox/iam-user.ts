import type { NamedPolicy } from '../src/lib/iam/types';

/**
 * An IAM user of the sandbox's account with long-term access keys (`AKIA…`). The sandbox has exactly one, its
 * developer principal (developer-principal.ts); a role session is the only other kind of signer.
 */
export interface IamUser {
	userName: string;
	/** `arn:aws:iam::ACCOUNT:user/NAME` */
	arn: string;
	/** `AIDA…`: `aws:userid` in its requests. */
	userId: string;
	accountId: string;
	/** `AKIA` + 16 characters. */
	accessKeyId: string;
	/** 40 characters. Never logged, never written to disk. */
	secretAccessKey: string;
	/** Its identity-based policies, parsed. */
	policies: NamedPolicy[];
}
