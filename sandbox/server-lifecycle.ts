import type { Server } from 'node:http';

/** Resolves once `server` listens on `host:port` (0 = a free port); rejects if it cannot. */
export function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

/** Stops `server`, closing the connections fetch keeps alive (close() would wait for them to time out). */
export function closeServer(server: Server): Promise<void> {
	return new Promise((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		server.closeAllConnections();
	});
}
