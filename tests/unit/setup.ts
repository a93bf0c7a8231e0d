// IndexedDB for unit tests: a spec-compliant in-memory implementation (as oidc-client-ts does in test/setup.ts).
import 'fake-indexeddb/auto';
