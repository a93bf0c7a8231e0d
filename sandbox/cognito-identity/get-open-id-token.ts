import { AwsError } from '../errors';
import { actingIdentity } from './acting-identity';
import type { CognitoContext } from './context';
import { OPENID_TOKEN_SECONDS } from './openid-token';

/**
 * GetOpenIdToken (unsigned), the basic (classic) flow's second step: a Cognito OpenID token for the identity,
 * "valid for 10 minutes", which the caller then trades at STS with AssumeRoleWithWebIdentity for the role it
 * chooses. "The identity ID you pass in may not be the one that is returned" (a merge). A pool that does not
 * allow the classic flow refuses it here, before STS is ever asked: `InvalidParameterException`, "Basic
 * (classic) flow is not enabled, please use enhanced flow." (the words users report from Cognito).
 */
export async function getOpenIdToken(
	input: Record<string, unknown>,
	context: CognitoContext,
): Promise<object> {
	const { identity, pool, amr } = await actingIdentity(input, context, (p) => {
		if (!p.allowClassicFlow)
			throw new AwsError(
				'InvalidParameterException',
				400,
				'Basic (classic) flow is not enabled, please use enhanced flow.',
			);
	});
	const token = await context.signer.sign(
		{ poolId: pool.id, identityId: identity.id, amr },
		OPENID_TOKEN_SECONDS,
		context.clock.now(),
	);
	return { IdentityId: identity.id, Token: token };
}
