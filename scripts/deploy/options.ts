/**
 * `npm run deploy` options: flags first, then FEDPLAY_* environment variables, then defaults.
 * Validated up front so a typo fails before anything touches AWS.
 */
export interface DeployOptions {
	stackName: string;
	region: string;
	issuer: string;
	clientId: string;
	providerName: string;
	scopes: string;
	secondIssuer?: string;
	secondClientId?: string;
	secondProviderName?: string;
	/** Login with Amazon's security profile: its app id (`amzn1.application.…`) and web client id. */
	amazonAppId?: string;
	amazonClientId?: string;
	domainName?: string;
	certificateArn?: string;
	/** Origins the provider uses besides its issuer (token endpoint, JWKS), space-separated. */
	extraOrigins?: string;
	maxSessionDurationSeconds: number;
	durationSeconds: number;
	siteDir: string;
	dryRun: boolean;
	/** Create the Amazon Cognito identity pool over the first provider (README, "Deploy to AWS"). */
	identityPool: boolean;
	/** The pool lets guests play (unauthenticated identities, the guest role). */
	allowGuests: boolean;
	/** The pool allows the basic (classic) flow. */
	allowClassicFlow: boolean;
	/** The flow the app takes through the pool: enhanced (default) or basic (needs --allow-classic-flow). */
	identityPoolFlow: 'enhanced' | 'basic';
	/** The pool's developer provider name, for a back end of your own (GetOpenIdTokenForDeveloperIdentity). */
	developerProviderName?: string;
}

export class OptionsError extends Error {
	override readonly name = 'OptionsError';
}

const FLAGS: Record<string, { key: keyof DeployOptions; env: string }> = {
	'--stack': { key: 'stackName', env: 'FEDPLAY_STACK' },
	'--region': { key: 'region', env: 'AWS_REGION' },
	'--issuer': { key: 'issuer', env: 'FEDPLAY_ISSUER' },
	'--client-id': { key: 'clientId', env: 'FEDPLAY_CLIENT_ID' },
	'--provider-name': { key: 'providerName', env: 'FEDPLAY_PROVIDER_NAME' },
	'--scopes': { key: 'scopes', env: 'FEDPLAY_SCOPES' },
	'--second-issuer': { key: 'secondIssuer', env: 'FEDPLAY_SECOND_ISSUER' },
	'--second-client-id': { key: 'secondClientId', env: 'FEDPLAY_SECOND_CLIENT_ID' },
	'--second-provider-name': { key: 'secondProviderName', env: 'FEDPLAY_SECOND_PROVIDER_NAME' },
	'--amazon-app-id': { key: 'amazonAppId', env: 'FEDPLAY_AMAZON_APP_ID' },
	'--amazon-client-id': { key: 'amazonClientId', env: 'FEDPLAY_AMAZON_CLIENT_ID' },
	'--domain': { key: 'domainName', env: 'FEDPLAY_DOMAIN' },
	'--certificate-arn': { key: 'certificateArn', env: 'FEDPLAY_CERTIFICATE_ARN' },
	'--extra-origins': { key: 'extraOrigins', env: 'FEDPLAY_EXTRA_ORIGINS' },
	'--max-session-duration': {
		key: 'maxSessionDurationSeconds',
		env: 'FEDPLAY_MAX_SESSION_DURATION',
	},
	'--duration': { key: 'durationSeconds', env: 'FEDPLAY_DURATION' },
	'--site': { key: 'siteDir', env: 'FEDPLAY_SITE_DIR' },
	'--identity-pool-flow': { key: 'identityPoolFlow', env: 'FEDPLAY_IDENTITY_POOL_FLOW' },
	'--developer-provider-name': {
		key: 'developerProviderName',
		env: 'FEDPLAY_DEVELOPER_PROVIDER_NAME',
	},
};

/** Switches: a flag without a value, or its variable set to 1 or true. */
const SWITCHES: Record<
	string,
	{ key: 'identityPool' | 'allowGuests' | 'allowClassicFlow'; env: string }
> = {
	'--identity-pool': { key: 'identityPool', env: 'FEDPLAY_IDENTITY_POOL' },
	'--allow-guests': { key: 'allowGuests', env: 'FEDPLAY_ALLOW_GUESTS' },
	'--allow-classic-flow': { key: 'allowClassicFlow', env: 'FEDPLAY_ALLOW_CLASSIC_FLOW' },
};

/** Parse argv + env into validated options; throws OptionsError naming every problem at once. */
export function parseDeployOptions(
	argv: string[],
	env: Record<string, string | undefined>,
): DeployOptions {
	const raw: Record<string, string> = {};
	let dryRun = false;
	const switches = { identityPool: false, allowGuests: false, allowClassicFlow: false };
	for (const flag of Object.values(SWITCHES))
		if (/^(1|true)$/i.test(env[flag.env] ?? '')) switches[flag.key] = true;
	const problems: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		if (arg === '--dry-run') {
			dryRun = true;
			continue;
		}
		const on = SWITCHES[arg];
		if (on !== undefined) {
			switches[on.key] = true;
			continue;
		}
		const [name, inline] = arg.split('=', 2) as [string, string | undefined];
		const flag = FLAGS[name];
		if (flag === undefined) {
			problems.push(`unknown option ${name}`);
			continue;
		}
		const value = inline ?? argv[++i];
		if (value === undefined || value.startsWith('--')) problems.push(`${name} needs a value`);
		else raw[flag.key] = value;
	}
	for (const flag of Object.values(FLAGS)) {
		const fromEnv = env[flag.env];
		if (raw[flag.key] === undefined && fromEnv) raw[flag.key] = fromEnv;
	}
	const num = (key: string, fallback: number, min: number, max: number): number => {
		const value = raw[key] === undefined ? fallback : Number(raw[key]);
		if (!Number.isInteger(value) || value < min || value > max)
			problems.push(`${key} must be an integer from ${min} to ${max} (got ${raw[key]})`);
		return value;
	};
	const options: DeployOptions = {
		stackName: raw.stackName ?? 'fedplay',
		region: raw.region ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
		issuer: raw.issuer ?? '',
		clientId: raw.clientId ?? '',
		providerName: raw.providerName ?? 'Sign in',
		scopes: raw.scopes ?? 'openid profile email',
		secondIssuer: raw.secondIssuer,
		secondClientId: raw.secondClientId,
		secondProviderName: raw.secondProviderName,
		amazonAppId: raw.amazonAppId,
		amazonClientId: raw.amazonClientId,
		domainName: raw.domainName,
		certificateArn: raw.certificateArn,
		extraOrigins: raw.extraOrigins,
		maxSessionDurationSeconds: num('maxSessionDurationSeconds', 3600, 3600, 43200),
		durationSeconds: num('durationSeconds', 3600, 900, 43200),
		siteDir: raw.siteDir ?? 'dist',
		dryRun,
		...switches,
		identityPoolFlow: raw.identityPoolFlow === 'basic' ? 'basic' : 'enhanced',
		developerProviderName: raw.developerProviderName,
	};
	if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(options.stackName))
		problems.push('--stack must start with a letter and hold only letters, digits and hyphens');
	if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(options.region))
		problems.push(`--region must be an AWS region like eu-west-1 (got ${options.region})`);
	checkIssuer('--issuer', options.issuer, problems);
	if (options.clientId === '') problems.push('--client-id is required (FEDPLAY_CLIENT_ID)');
	if (!options.scopes.split(/\s+/).includes('openid'))
		problems.push('--scopes must include openid');
	if ((options.secondIssuer === undefined) !== (options.secondClientId === undefined))
		problems.push('--second-issuer and --second-client-id go together');
	if (options.secondIssuer !== undefined)
		checkIssuer('--second-issuer', options.secondIssuer, problems);
	checkAmazon(options, problems);
	if ((options.domainName === undefined) !== (options.certificateArn === undefined))
		problems.push(
			'--domain needs --certificate-arn (an ACM certificate in us-east-1), and the reverse',
		);
	for (const origin of options.extraOrigins?.split(/\s+/).filter(Boolean) ?? []) {
		if (!/^https:\/\/[a-z0-9.*-]+$/.test(origin))
			problems.push(`--extra-origins takes https origins without paths (got ${origin})`);
	}
	if (options.durationSeconds > options.maxSessionDurationSeconds)
		problems.push('--duration cannot exceed --max-session-duration');
	checkIdentityPool(options, raw.identityPoolFlow, problems);
	if (problems.length > 0) throw new OptionsError(problems.join('\n'));
	return options;
}

function checkIdentityPool(
	options: DeployOptions,
	flow: string | undefined,
	problems: string[],
): void {
	if (flow !== undefined && flow !== 'enhanced' && flow !== 'basic')
		problems.push(`--identity-pool-flow is enhanced or basic (got ${flow})`);
	const poolOnly = [
		options.allowGuests && '--allow-guests',
		options.allowClassicFlow && '--allow-classic-flow',
		flow !== undefined && '--identity-pool-flow',
		options.developerProviderName !== undefined && '--developer-provider-name',
	].filter((flag): flag is string => typeof flag === 'string');
	if (!options.identityPool && poolOnly.length > 0)
		problems.push(`${poolOnly.join(', ')} need --identity-pool`);
	if (options.identityPoolFlow === 'basic' && !options.allowClassicFlow)
		problems.push('--identity-pool-flow basic needs --allow-classic-flow (the pool must allow it)');
	const developer = options.developerProviderName;
	if (developer !== undefined && !/^[\w._-]{1,128}$/.test(developer))
		problems.push(
			'--developer-provider-name takes 1–128 letters, digits, dots, dashes and underscores',
		);
}

/** Login with Amazon needs both ids: the app id for the role's trust policy, the client id for the app. */
function checkAmazon(options: DeployOptions, problems: string[]): void {
	const { amazonAppId, amazonClientId } = options;
	if ((amazonAppId === undefined) !== (amazonClientId === undefined))
		problems.push('--amazon-app-id and --amazon-client-id go together');
	if (amazonAppId !== undefined && !/^amzn1\.application\.[A-Za-z0-9]+$/.test(amazonAppId))
		problems.push(
			`--amazon-app-id must be a Login with Amazon app id, amzn1.application.… (got ${amazonAppId})`,
		);
	if (
		amazonClientId !== undefined &&
		!/^amzn1\.application-oa2-client\.[A-Za-z0-9]+$/.test(amazonClientId)
	)
		problems.push(
			`--amazon-client-id must be a Login with Amazon client id, amzn1.application-oa2-client.… (got ${amazonClientId})`,
		);
}

function checkIssuer(flag: string, value: string, problems: string[]): void {
	if (value === '') {
		problems.push(
			`${flag} is required: your OpenID provider's issuer URL, e.g. https://accounts.google.com`,
		);
		return;
	}
	try {
		const url = new URL(value);
		if (url.protocol !== 'https:')
			problems.push(`${flag} must use https (IAM accepts only https issuers)`);
		if (url.search !== '' || url.hash !== '')
			problems.push(`${flag} must not have a query or fragment`);
	} catch {
		problems.push(`${flag} is not a URL: ${value}`);
	}
}
