/** What global setup tells the tests, through this environment variable (workers inherit it). */
export const E2E_ENV = 'FEDPLAY_E2E';

export interface E2eEnv {
	/** Where the app is, e.g. `http://localhost:PORT/games/fedplay/`. */
	appUrl: string;
	appOrigin: string;
	cspReportsUrl: string;
	awsEndpoint: string;
	/** Fedplay ID, then Arcade ID. */
	issuers: string[];
	roleArns: string[];
	accountId: string;
	/** The runtime config being served. */
	config: {
		providers: { issuer: string; roleArn: string; dataSegment: string }[];
	} & Record<string, unknown>;
}

export function e2eEnv(): E2eEnv {
	const raw = process.env[E2E_ENV];
	if (!raw) throw new Error(`${E2E_ENV} is not set: run the tests through playwright.config.ts`);
	return JSON.parse(raw) as E2eEnv;
}
