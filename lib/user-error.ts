/**
 * An error whose message is meant for the user. The action chain (lib/action.ts) passes its
 * message on; anything else becomes "something went wrong (id)". Its own module so code
 * that runs outside requests (the engine, the scheduler) can throw it without loading Next.
 */
export class UserError extends Error {}
