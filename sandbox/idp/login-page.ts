import { escapeHtml, renderPage } from './pages';

export interface LoginPageModel {
	displayName: string;
	players: readonly string[];
	/** Where the player choice is POSTed (`/interaction/:uid/login`). */
	loginAction: string;
	/** Where Cancel is POSTed (`/interaction/:uid/abort`). */
	cancelAction: string;
	/** What the app is asking for, when the provider says so (Login with Amazon's consent line). */
	consent?: string;
	/** The name typed last time, shown again next to `error`. */
	typedName?: string;
	error?: string;
}

/**
 * "Sign in to <displayName>": one big button per test player, a field for any player name, and Cancel.
 * Three forms so that a button click never also sends a half-typed name.
 */
export function renderLoginPage(model: LoginPageModel): string {
	const heading = `Sign in to ${model.displayName}`;
	const action = escapeHtml(model.loginAction);
	const buttons = model.players
		.map((player) => {
			const value = escapeHtml(player);
			return `<li><button class="player" type="submit" name="player" value="${value}">${value}</button></li>`;
		})
		.join('\n');
	const invalid =
		model.error === undefined ? '' : ' aria-invalid="true" aria-describedby="player-error"';
	const error =
		model.error === undefined
			? ''
			: `<p class="error" id="player-error" role="alert">${escapeHtml(model.error)}</p>`;
	const typed = escapeHtml(model.typedName ?? '');
	const consent = model.consent === undefined ? '' : `\n<p>${escapeHtml(model.consent)}</p>`;
	const body = `<h1>${escapeHtml(heading)}</h1>
<p class="note">A sandbox identity provider: choose a test player. There are no passwords.</p>${consent}
<form method="post" action="${action}" aria-labelledby="players-heading">
<h2 id="players-heading">Test players</h2>
<ul class="players">
${buttons}
</ul>
</form>
<form method="post" action="${action}" class="by-name">
<label for="player-name">Player name</label>
${error}
<div class="row">
<input id="player-name" name="player" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${typed}"${invalid}>
<button type="submit">Sign in</button>
</div>
</form>
<form method="post" action="${escapeHtml(model.cancelAction)}">
<button class="secondary" type="submit">Cancel</button>
</form>`;
	return renderPage(heading, body);
}
