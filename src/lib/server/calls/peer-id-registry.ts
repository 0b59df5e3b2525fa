import { generateSecureRandomString } from '../ids';

/** Who a peer id was issued to. */
export interface PeerOwner {
	userId: string;
	sessionId: string;
}

interface Entry extends PeerOwner {
	/** Open signaling sockets using this id (a reconnect may overlap the old socket briefly). */
	connections: number;
	/** When an unconnected id stops working. */
	expiresAt: number;
}

export interface PeerIdPolicy {
	/** An issued id nobody connects with (or that was left) stops working after this long. */
	unusedTtlMs: number;
	/** Ids one user may hold at once (tabs, devices); past this the oldest idle one is dropped. */
	maxPerUser: number;
}

export const defaultPeerIdPolicy: PeerIdPolicy = {
	unusedTtlMs: 60 * 60 * 1000,
	maxPerUser: 16
};

/**
 * The server's own list of PeerJS ids. PeerJS lets a client pick any id; here only ids issued by
 * POST /api/calls/peer exist, each bound to the user (and session) that asked for it, so
 * signaling can tell who is behind every message. In memory: ids are worthless after a restart
 * because every signaling socket is gone too, and the browser asks for a new one.
 */
export class PeerIdRegistry {
	#entries = new Map<string, Entry>();
	#policy: PeerIdPolicy;
	#now: () => number;

	constructor(options: { policy?: PeerIdPolicy; now?: () => number } = {}) {
		this.#policy = options.policy ?? defaultPeerIdPolicy;
		this.#now = options.now ?? Date.now;
	}

	issue(owner: PeerOwner): { peerId: string; expiresAt: number } {
		this.#makeRoomFor(owner.userId);
		const peerId = generateSecureRandomString();
		const expiresAt = this.#now() + this.#policy.unusedTtlMs;
		this.#entries.set(peerId, { ...owner, connections: 0, expiresAt });
		return { peerId, expiresAt };
	}

	/** The owner of a live id; null for ids never issued, expired or revoked. */
	ownerOf(peerId: string): PeerOwner | null {
		const entry = this.#entries.get(peerId);
		if (!entry || this.#isExpired(entry)) {
			return null;
		}
		return { userId: entry.userId, sessionId: entry.sessionId };
	}

	/** A socket opened with this id: it does not expire while in use. */
	connected(peerId: string): void {
		const entry = this.#entries.get(peerId);
		if (entry) {
			entry.connections++;
		}
	}

	/**
	 * A socket closed: the id stays usable for a reconnect, then expires. Returns how many
	 * sockets still use it.
	 */
	disconnected(peerId: string): number {
		const entry = this.#entries.get(peerId);
		if (!entry) {
			return 0;
		}
		entry.connections = Math.max(0, entry.connections - 1);
		entry.expiresAt = this.#now() + this.#policy.unusedTtlMs;
		return entry.connections;
	}

	/** Drops every id issued to these sessions (signed out, revoked); returns the dropped ids. */
	revokeSessions(sessionIds: Iterable<string>): string[] {
		const revoked = new Set(sessionIds);
		const dropped: string[] = [];
		for (const [peerId, entry] of this.#entries) {
			if (revoked.has(entry.sessionId)) {
				this.#entries.delete(peerId);
				dropped.push(peerId);
			}
		}
		return dropped;
	}

	/** Forgets expired ids; returns them. */
	sweep(): string[] {
		const dropped: string[] = [];
		for (const [peerId, entry] of this.#entries) {
			if (this.#isExpired(entry)) {
				this.#entries.delete(peerId);
				dropped.push(peerId);
			}
		}
		return dropped;
	}

	get size(): number {
		return this.#entries.size;
	}

	#isExpired(entry: Entry): boolean {
		return entry.connections === 0 && entry.expiresAt <= this.#now();
	}

	// A page that asks for ids in a loop must not grow the map without bound.
	#makeRoomFor(userId: string): void {
		const held = [...this.#entries].filter(([, e]) => e.userId === userId);
		if (held.length < this.#policy.maxPerUser) {
			return;
		}
		const oldest = held
			.filter(([, e]) => e.connections === 0)
			.sort(([, a], [, b]) => a.expiresAt - b.expiresAt)[0];
		if (oldest) {
			this.#entries.delete(oldest[0]);
		}
	}
}
