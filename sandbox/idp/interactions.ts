import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type Interaction, type Provider } from 'oidc-provider';
import { BodyTooLargeError, discardUnreadBody, IncompleteBodyError } from '../read-body';
import { grantFirstParty } from './consent';
import { readForm, sendHtml, sendMessagePage } from './http-util';
import { renderLoginPage } from './login-page';
import { pageHeaders } from './pages';
import type { PlayerDirectory } from './players';

export interface InteractionContext {
	provider: Provider;
	directory: PlayerDirectory;
	displayName: string;
	csp: string;
}

const route = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/;

/**
 * The provider's own interaction pages under `/interaction/:uid`: GET shows the login page (or grants
 * consent at once: the app is first-party), POST `/login` signs a player in, POST `/abort` cancels with
 * `access_denied` so the app can say "login cancelled". Errors end as a page, never as a bare 500.
 */
export async function handleInteraction(
	context: InteractionContext,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
): Promise<void> {
	const match = route.exec(path);
	const action = match?.[2] ?? 'show';
	const method = action === 'show' ? 'GET' : 'POST';
	if (match === null || req.method !== method) {
		return sendMessagePage(
			res,
			context.csp,
			404,
			'Page not found',
			'There is nothing at this address.',
		);
	}
	try {
		const interaction = await context.provider.interactionDetails(req, res);
		if (interaction.uid !== match[1]) throw new errors.SessionNotFound('interaction uid mismatch');
		if (action === 'login') return await logIn(context, interaction, req, res);
		if (action === 'abort') return await cancel(context, req, res);
		return await show(context, interaction, req, res);
	} catch (error) {
		if (error instanceof BodyTooLargeError || error instanceof IncompleteBodyError) {
			const message = 'The sign-in form sent more than a player name. Go back and try again.';
			sendMessagePage(res, context.csp, 413, 'Too much data', message);
			return discardUnreadBody(req);
		}
		if (error instanceof errors.SessionNotFound) {
			const message =
				'This sign-in has expired or was already used. Go back to the app and sign in again.';
			return sendMessagePage(res, context.csp, 400, 'Sign-in expired', message);
		}
		// Name only: messages from deep inside a token library could quote a token.
		console.error(`[idp] interaction failed: ${(error as Error).name}`);
		return sendMessagePage(
			res,
			context.csp,
			500,
			'Something went wrong',
			'Go back to the app and try again.',
		);
	}
}

async function show(
	context: InteractionContext,
	interaction: Interaction,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const { prompt, session, params, grantId } = interaction;
	if (prompt.name === 'consent' && session !== undefined) {
		// Only reached when the app asked for more than the first-party scopes or for prompt=consent.
		const missing = (prompt.details.missingOIDCScope as string[] | undefined) ?? [];
		const grant = await grantFirstParty(
			context.provider,
			session.accountId,
			String(params.client_id),
			grantId,
			missing,
		);
		return context.provider.interactionFinished(req, res, { consent: { grantId: grant.jti } });
	}
	sendHtml(res, 200, pageHeaders(context.csp), loginPage(context, interaction.uid));
}

async function logIn(
	context: InteractionContext,
	interaction: Interaction,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const typedName = ((await readForm(req)).get('player') ?? '').trim().slice(0, 64);
	const player = context.directory.findPlayer(typedName);
	if (player === undefined) {
		const error =
			typedName === ''
				? 'Enter a player name or choose a test player.'
				: `There is no test player called "${typedName}". Choose one of: ${context.directory.players.join(', ')}.`;
		const html = loginPage(context, interaction.uid, { typedName, error });
		return sendHtml(res, 400, pageHeaders(context.csp), html);
	}
	const accountId = context.directory.subjectOf(player);
	await context.provider.interactionFinished(
		req,
		res,
		{ login: { accountId } },
		{ mergeWithLastSubmission: false },
	);
}

async function cancel(context: InteractionContext, req: IncomingMessage, res: ServerResponse) {
	const result = {
		error: 'access_denied',
		error_description: `The player cancelled the sign-in at ${context.displayName}.`,
	};
	await context.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

function loginPage(
	context: InteractionContext,
	uid: string,
	retry: { typedName: string; error: string } | undefined = undefined,
): string {
	return renderLoginPage({
		displayName: context.displayName,
		players: context.directory.players,
		loginAction: `/interaction/${uid}/login`,
		cancelAction: `/interaction/${uid}/abort`,
		...retry,
	});
}
