/**
 * `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same run.
 * Loopback only; every loop is bounded. `npm run bench -- gateway iam` runs a subset.
 */
import { benchBrowser } from './browser';
import { benchCredentials } from './credentials';
import { benchDynamoDBMapping } from './dynamodb-mapping';
import { benchGame } from './game';
import { benchGateway } from './gateway';
import { benchIam } from './iam';

const benches: Record<string, () => Promise<void> | void> = {
	iam: benchIam,
	gateway: benchGateway,
	'ddb-mapping': benchDynamoDBMapping,
	credentials: benchCredentials,
	game: benchGame,
	browser: benchBrowser,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
	console.error(
		`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`,
	);
	process.exit(2);
}
for (const [name, run] of Object.entries(benches)) {
	if (wanted.length > 0 && !wanted.includes(name)) continue;
	console.log(`\n## ${name}`);
	await run();
}
