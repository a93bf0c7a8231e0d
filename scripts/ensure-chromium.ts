import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/*
 * The end-to-end tests run in Debian's Chromium (`npx playwright install` cannot download here). Install it
 * through apt when we can (root with apt-get), otherwise say exactly what to install.
 */

const CHROMIUM = '/usr/bin/chromium';

function run(command: string, args: string[]): boolean {
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	return result.status === 0;
}

if (!existsSync(CHROMIUM)) {
	const isRoot = process.getuid?.() === 0;
	const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
	if (isRoot && hasApt) {
		console.log('Chromium is missing: installing Debian\'s "chromium" package with apt-get…');
		if (!run('apt-get', ['update']) || !run('apt-get', ['install', '-y', 'chromium'])) {
			console.error(
				'apt-get could not install chromium; install it by hand: apt-get install -y chromium',
			);
			process.exit(1);
		}
	} else {
		console.error(
			`Chromium is missing at ${CHROMIUM}. The end-to-end tests need Debian's "chromium" package:\n` +
				'  sudo apt-get update && sudo apt-get install -y chromium\n' +
				'(on other systems, install Chromium and link it to /usr/bin/chromium).',
		);
		process.exit(1);
	}
}
