// The storage emulators ship no types; these declare only what sandbox/gateway/storage.ts uses.

declare module 'dynalite' {
	import type { Server } from 'node:http';
	interface DynaliteOptions {
		createTableMs?: number;
		deleteTableMs?: number;
		updateTableMs?: number;
		maxItemSizeKb?: number;
		path?: string;
	}
	function dynalite(options?: DynaliteOptions): Server;
	export default dynalite;
}

declare module 's3rver' {
	import type { AddressInfo } from 'node:net';
	interface S3rverOptions {
		address?: string;
		port?: number;
		silent?: boolean;
		directory: string;
		resetOnClose?: boolean;
		vhostBuckets?: boolean;
		allowMismatchedSignatures?: boolean;
		configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
	}
	class S3rver {
		constructor(options: S3rverOptions);
		run(): Promise<AddressInfo>;
		/** The HTTP server `run()` started (set once it resolves). */
		httpServer: import('node:http').Server;
		close(): Promise<void>;
	}
	export default S3rver;
}
