import type { EngagementPairs } from './engagement-pairs';
import type { PeerOwner } from './peer-id-registry';
import type { Signal } from './signal-message';

/** Why a message was not relayed; each becomes the ERROR the sender gets back. */
export type RelayRefusal =
	// Not JSON, or a type only the server may send (EXPIRE, OPEN, ERROR).
	| 'malformed'
	// The destination id was never issued, has expired or was revoked.
	| 'unknown-peer'
	// The two users share no active engagement (strangers, pending or ended engagements).
	| 'not-members'
	// Only the engagement's coach starts a call or a data connection.
	| 'offer-not-coach'
	// A client answers (or sends candidates) only to a coach peer that offered to it.
	| 'no-offer';

export type RelayDecision = { relay: true } | { relay: false; refusal: RelayRefusal };

export const refusalMessages: Record<RelayRefusal, string> = {
	malformed: 'Malformed signaling message.',
	'unknown-peer': 'That peer is not known to this server.',
	'not-members': 'You can only reach people you work with.',
	'offer-not-coach': 'Only the coach can start a call.',
	'no-offer': 'There is no call from that peer to answer.'
};

/**
 * Decides, message by message, what the PeerJS server may relay. Stateless about membership
 * (asked of SQLite each time) but remembers which coach peer offered to which client peer, so a
 * client's ANSWER and CANDIDATE messages only ever go back along a call the coach started.
 */
export class RelayPolicy {
	#pairs: EngagementPairs;
	#ownerOf: (peerId: string) => PeerOwner | null;
	/** client peer id → the coach peer ids that sent it an OFFER. */
	#offers = new Map<string, Set<string>>();

	constructor(deps: { pairs: EngagementPairs; ownerOf: (peerId: string) => PeerOwner | null }) {
		this.#pairs = deps.pairs;
		this.#ownerOf = deps.ownerOf;
	}

	decide(from: { peerId: string; userId: string }, signal: Signal): RelayDecision {
		if (signal.type === 'HEARTBEAT' || (signal.type === 'LEAVE' && signal.dst === null)) {
			// Addressed to the server itself: keep-alive, or "I am going".
			return { relay: true };
		}
		const target = signal.dst === null ? null : this.#ownerOf(signal.dst);
		if (signal.dst === null || target === null) {
			return { relay: false, refusal: 'unknown-peer' };
		}
		const pair = this.#pairs.activeBetween(from.userId, target.userId);
		if (!pair) {
			return { relay: false, refusal: 'not-members' };
		}
		const fromCoach = pair.coachId === from.userId;
		if (signal.type === 'OFFER') {
			if (!fromCoach) {
				return { relay: false, refusal: 'offer-not-coach' };
			}
			this.#remember(signal.dst, from.peerId);
			return { relay: true };
		}
		if (!fromCoach && !this.#offers.get(from.peerId)?.has(signal.dst)) {
			return { relay: false, refusal: 'no-offer' };
		}
		return { relay: true };
	}

	/** A peer id is gone for good: drop what it offered and was offered. */
	forget(peerId: string): void {
		this.#offers.delete(peerId);
		for (const offerers of this.#offers.values()) {
			offerers.delete(peerId);
		}
	}

	#remember(clientPeerId: string, coachPeerId: string): void {
		const offerers = this.#offers.get(clientPeerId) ?? new Set<string>();
		offerers.add(coachPeerId);
		this.#offers.set(clientPeerId, offerers);
	}
}
