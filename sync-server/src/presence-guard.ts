import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '../../src/lib/sync/protocol';
import { Refusal } from './refusal';

/** One entry of a y-protocols awareness update: client id, clock, state as UTF-8 JSON bytes. */
interface PresenceEntry {
	clientId: number;
	clock: number;
	state: Uint8Array;
}

export interface PresenceLimits {
	/** Largest JSON state one awareness client id may carry, in bytes. */
	maxPresenceBytes: number;
	/** Awareness client ids one connection may announce (a stock client uses one). */
	maxPresenceIdsPerConnection: number;
}

export interface PresenceOwner {
	readonly awarenessIds: Set<number>;
	/** The user behind the connection: their reconnect may take over their own ids. */
	readonly userId?: string;
}

/** JSON `null`: y-protocols' way of saying "this client id is gone". */
const REMOVED = new Uint8Array([110, 117, 108, 108]);

/**
 * Presence is relayed to everyone and replayed to every newcomer, so unchecked it let one
 * read-only client store 45 MiB of made-up states and overwrite the coach's own entry (issue 15).
 * Each client id belongs to the connection that first announced it until that connection
 * leaves; another connection's entry for it is dropped (set and remove alike), unless it is the
 * same user's (a reconnect). States over the
 * size limit refuse the connection, and ids past the per-connection limit are dropped.
 */
export class PresenceGuard<Owner extends PresenceOwner> {
	readonly #owners = new Map<number, Owner>();
	readonly #limits: PresenceLimits;

	constructor(limits: PresenceLimits) {
		this.#limits = limits;
	}

	/**
	 * The part of `update` that `owner` may apply (null when nothing is left). Throws
	 * MalformedMessage-worthy errors on garbage, and Refusal for an oversized state.
	 */
	filter(update: Uint8Array, owner: Owner): Uint8Array | null {
		const entries = decodeEntries(update);
		const kept = entries.filter((entry) => this.#mayApply(entry, owner));
		if (kept.length === 0) {
			return null;
		}
		return kept.length === entries.length ? update : encodeEntries(kept);
	}

	/** Frees the ids `owner` held; returns them so the room can remove their states. */
	release(owner: Owner): number[] {
		const ids = [...owner.awarenessIds];
		ids.forEach((id) => {
			if (this.#owners.get(id) === owner) {
				this.#owners.delete(id);
			}
		});
		owner.awarenessIds.clear();
		return ids;
	}

	#mayApply(entry: PresenceEntry, owner: Owner): boolean {
		if (entry.state.byteLength > this.#limits.maxPresenceBytes) {
			throw new Refusal(
				CloseCode.PresenceTooLarge,
				`presence state larger than ${this.#limits.maxPresenceBytes} bytes`
			);
		}
		const current = this.#owners.get(entry.clientId);
		if (current === owner) {
			return true;
		}
		// A tab that reconnects after a silent drop keeps its client id while the server still
		// holds the dead socket (until the next ping): the same user may take the id over.
		if (current && !isSameUser(current, owner)) {
			return false;
		}
		if (!current && isRemoval(entry.state)) {
			// Removing an id nobody owns here changes nothing a client relies on.
			return false;
		}
		if (owner.awarenessIds.size >= this.#limits.maxPresenceIdsPerConnection) {
			return false;
		}
		current?.awarenessIds.delete(entry.clientId);
		this.#owners.set(entry.clientId, owner);
		owner.awarenessIds.add(entry.clientId);
		return true;
	}
}

function isSameUser(a: PresenceOwner, b: PresenceOwner): boolean {
	return a.userId !== undefined && a.userId === b.userId;
}

function isRemoval(state: Uint8Array): boolean {
	return state.byteLength === REMOVED.byteLength && state.every((byte, i) => byte === REMOVED[i]);
}

function decodeEntries(update: Uint8Array): PresenceEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: PresenceEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		// A varString is a varUint8Array of UTF-8: its byte length is known without decoding it.
		entries.push({ clientId, clock, state: decoding.readVarUint8Array(decoder) });
	}
	return entries;
}

function encodeEntries(entries: readonly PresenceEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarUint8Array(encoder, entry.state);
	}
	return encoding.toUint8Array(encoder);
}
