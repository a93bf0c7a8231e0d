/*
 * Everything of an Amazon Cognito identity pool's path that a direct sign-in never runs: the pool's credential
 * source, its guests and their carried progress. One chunk, loaded when the session's path is a pool
 * (lifecycle.ts, flow.ts), never for the direct OpenID Connect path (issue 18).
 */
export { guestsCarriedInto, heldGuestIdentity, poolSource } from './pool-source';
export { keepGuestProgressAndSignIn, playAsGuest } from './guest';
