/**
 * A sandbox in its own process for `bench/game.ts`, so the measured client (like a browser) does not
 * share an event loop with the servers it calls. Prints one `READY <runtime config JSON>` line, then
 * serves until it gets SIGTERM. Free ports, loopback only.
 */
import { FREE_PORTS, createSandbox, sandboxRuntimeConfig } from '../sandbox/app';

const sandbox = await createSandbox({
	...FREE_PORTS,
	verbose: false,
});
console.log(`READY ${JSON.stringify(sandboxRuntimeConfig(sandbox))}`);
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
