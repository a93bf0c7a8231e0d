import type { User } from 'oidc-client-ts';
import type { ProviderConfig, RuntimeConfig } from '../config/schema';
import { AppError, isAppError } from '../errors';
import { roleSessionName } from '../federation/session-name';
import { session } from '../federation/session.svelte';
import { assumeRoleWithWebIdentity, getCallerIdentity } from '../federation/sts';
import { isCallbackUrl } from './base-url';
import { credentialStore } from './credential-store';
import { toSignInError } from './errors';
import { beginSignIn, completeSignIn, currentUser, endSignIn } from './sign-in';

/*
 * The sign-in → federation path as one sequence, driving the session state the views render:
 * provider login → callback → AssumeRoleWithWebIdentity → store credentials → GetCallerIdentity.
 */

function asAppError(err: unknown): AppError {
	return isAppError(err) ? err : toSignInError(err, 'callback');
}

/** Leave for the provider's login page. On failure the session shows the error. */
export async function startSignIn(provider: ProviderConfig, baseUrl: string): Promise<void> {
	session.signingIn(provider);
	try {
		await beginSignIn(provider, baseUrl);
	} catch (err) {
		session.fail(asAppError(err));
	}
}

/** Trade the user's ID token for role credentials and prove them with GetCallerIdentity. */
async function federate(
	config: RuntimeConfig,
	provider: ProviderConfig,
	user: User,
): Promise<void> {
	const { profile } = user;
	if (!user.id_token) {
		throw new AppError('login-failed', `${provider.displayName} did not return an ID token.`, {
			title: 'Sign-in failed',
			hint: 'Check that the scopes include "openid".',
		});
	}
	session.assumingRole(provider, { sub: profile.sub, iss: profile.iss, name: profile.name });
	const role = await assumeRoleWithWebIdentity({
		config,
		provider,
		idToken: user.id_token,
		sessionName: roleSessionName(profile),
	});
	await credentialStore().save({
		providerId: provider.id,
		roleArn: provider.roleArn,
		credentials: role.credentials,
		assumedRoleArn: role.assumedRoleUser.arn,
		subject: role.subjectFromWebIdentityToken ?? profile.sub,
		issuer: profile.iss,
		obtainedAt: new Date(),
	});
	const callerIdentity = await getCallerIdentity(config, role.credentials);
	session.ready({
		assumedRoleArn: role.assumedRoleUser.arn,
		callerIdentity,
		accessKeyId: role.credentials.accessKeyId,
		expiration: role.credentials.expiration,
	});
}

/**
 * Run once the config is loaded: on the callback route, finish the sign-in and assume the role; elsewhere
 * leave the session signed out. Failures end up in `session.error`, never thrown.
 */
export async function handleArrival(
	config: RuntimeConfig,
	baseUrl: string,
	href: string,
): Promise<void> {
	if (!isCallbackUrl(href, baseUrl)) return;
	session.signingIn(null);
	try {
		const { provider, user } = await completeSignIn(config, baseUrl, href);
		await federate(config, provider, user);
	} catch (err) {
		session.fail(asAppError(err));
	}
}

/** "Try again": re-assume the role while the ID token is still valid, else back to the sign-in screen. */
export async function retry(config: RuntimeConfig, baseUrl: string): Promise<void> {
	const provider = session.provider;
	const user = provider ? await currentUser(provider, baseUrl).catch(() => null) : null;
	if (!provider || !user) {
		session.reset();
		return;
	}
	try {
		await federate(config, provider, user);
	} catch (err) {
		session.fail(asAppError(err));
	}
}

/** Forget credentials and the user here, then end the session at the provider (which returns to the app). */
export async function signOut(baseUrl: string): Promise<void> {
	const provider = session.provider;
	await credentialStore().clear();
	session.reset();
	if (!provider) return;
	try {
		await endSignIn(provider, baseUrl);
	} catch (err) {
		session.fail(asAppError(err));
	}
}
