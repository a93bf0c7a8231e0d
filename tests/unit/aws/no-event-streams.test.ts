import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as standIn from '../../../src/lib/aws/no-event-streams';

/*
 * The browser build aliases @smithy/core/event-streams to src/lib/aws/no-event-streams.ts (vite.config.ts;
 * tests/unit/build/bundle-budget.test.ts checks the build). The stand-in must export what the SDK's protocol
 * takes from the module, and fail with a message that names the cause.
 */

const HTTP_PROTOCOL = new URL(
	'../../../node_modules/@smithy/core/dist-es/submodules/protocols/HttpProtocol.js',
	import.meta.url,
);

describe('the event-streams stand-in', () => {
	it('exports every name the SDK protocol imports from @smithy/core/event-streams', () => {
		const source = readFileSync(HTTP_PROTOCOL, 'utf8');
		const imports = [
			...source.matchAll(/\{([^{}]*)\}\s*=\s*await import\("@smithy\/core\/event-streams"\)/g),
		];
		expect(imports.length).toBeGreaterThan(0);
		for (const [, names] of imports) {
			for (const name of names!
				.split(',')
				.map((n) => n.trim())
				.filter(Boolean))
				expect(Object.keys(standIn)).toContain(name);
		}
	});

	it('fails on use with a message that says what the build left out and where', () => {
		expect(() => standIn.eventStreamSerdeProvider()).toThrow(
			/leaves out AWS event streams \(vite\.config\.ts aliases @smithy\/core\/event-streams\)/,
		);
		expect(() => new standIn.EventStreamSerde()).toThrow(/event streams/);
	});
});
