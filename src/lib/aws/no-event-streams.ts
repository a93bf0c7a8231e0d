/**
 * Stands in for `@smithy/core/event-streams` in the browser build (vite.config.ts aliases it here). The SDK's
 * protocols import that module only to read or write an event stream (S3 SelectObjectContent, Bedrock's
 * streaming answers…); STS, the one SDK client the app ships, has no such operation, so the codec and its
 * CRC32 would be dead weight in `dist`. Should a call ever need one, it fails here with a message that says
 * what happened and where, never with a half-read stream.
 */
const MESSAGE =
	'This build leaves out AWS event streams (vite.config.ts aliases @smithy/core/event-streams): ' +
	'no Fedplay call uses one. Remove the alias to call an operation that streams events.';

function unavailable(): never {
	throw new Error(MESSAGE);
}

/** What HttpProtocol.loadEventStreamCapability calls first: it throws before any stream is touched. */
export function eventStreamSerdeProvider(): never {
	return unavailable();
}

/** What HttpProtocol.loadEventStreamCapability constructs next (never reached: the provider threw). */
export class EventStreamSerde {
	constructor() {
		unavailable();
	}
}
