// IndexedDB for unit tests: a spec-compliant in-memory implementation (as oidc-client-ts does in test/setup.ts).
import 'fake-indexeddb/auto';
import { expect } from 'vitest';

// Every test must be able to fail: a test that asserts nothing is a bug.
expect.requireAssertions();
