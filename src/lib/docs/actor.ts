import type * as Y from 'yjs';
import { localOrigin, type TxOrigin } from './origin';

/** Milliseconds since the epoch (UTC). Injectable so tests and fuzzers control time. */
export type Clock = () => number;
export type IdSource = () => string;

/**
 * Who is writing, with which clock and id source. Created once per signed-in user (or per server
 * job) and passed to every write verb, so the verbs stay (doc, actor, input).
 */
export interface Actor {
	readonly userId: string;
	readonly origin: TxOrigin;
	readonly now: Clock;
	readonly newId: IdSource;
}

/** Random, collision-free without coordination: replicas create ids offline. */
export const randomId: IdSource = () => crypto.randomUUID();

export function createActor(options: {
	userId: string;
	origin?: TxOrigin;
	now?: Clock;
	newId?: IdSource;
}): Actor {
	return Object.freeze({
		userId: options.userId,
		origin: options.origin ?? localOrigin(options.userId),
		now: options.now ?? Date.now,
		newId: options.newId ?? randomId
	});
}

/** Every write goes through here so no transaction ever lacks a typed origin. */
export function write<T>(doc: Y.Doc, actor: Actor, fn: () => T): T {
	return doc.transact(() => fn(), actor.origin);
}
