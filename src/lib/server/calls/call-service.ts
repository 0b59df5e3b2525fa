import type { IceServer, IssuedPeer } from '../../api/calls';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { SqliteEngagementPairs, type EngagementPairs } from './engagement-pairs';
import { PeerIdRegistry, type PeerOwner } from './peer-id-registry';
import { refusalMessages, RelayPolicy, type RelayRefusal } from './relay-policy';
import { parseSignal } from './signal-message';
import { withTurnCredentials } from './turn-credentials';

/** Where the PeerJS server is mounted and the key its clients must send (`?key=`). */
export const PEER_PATH = '/peerjs';
export const PEER_KEY = 'tandem';

export type SignalVerdict =
	{ relay: true } | { relay: false; refusal: RelayRefusal; msg: string; reply: string };

/**
 * What the sender hears about a refused frame. A frame for an id nobody holds gets EXPIRE from
 * that id, as the stock peer server answers: PeerJS turns it into a `peer-unavailable` error for
 * that one connection. Every other refusal is an ERROR, which PeerJS treats as fatal for the
 * whole Peer: right for a crafted offer, wrong for a client who merely left.
 */
function replyTo(from: { peerId: string }, refusal: RelayRefusal, dst: string | null): string {
	if (refusal === 'unknown-peer' && dst !== null) {
		return JSON.stringify({ type: 'EXPIRE', src: dst, dst: from.peerId });
	}
	return JSON.stringify({ type: 'ERROR', payload: { msg: refusalMessages[refusal] } });
}

/**
 * The app's side of call signaling: issues peer ids, admits signaling sockets and rules on
 * every message before the `peer` package relays it (server/peer-wiring.ts plugs it in).
 */
export class CallService {
	readonly peerIds: PeerIdRegistry;
	#policy: RelayPolicy;
	#iceServers: IceServer[];
	#turnSecret: string | undefined;
	#now: () => number;

	constructor(deps: {
		iceServers: IceServer[];
		turnSecret?: string;
		pairs: EngagementPairs;
		peerIds?: PeerIdRegistry;
		now?: () => number;
	}) {
		this.#iceServers = deps.iceServers;
		this.#turnSecret = deps.turnSecret;
		this.#now = deps.now ?? Date.now;
		this.peerIds = deps.peerIds ?? new PeerIdRegistry();
		this.#policy = new RelayPolicy({
			pairs: deps.pairs,
			ownerOf: (peerId) => this.peerIds.ownerOf(peerId)
		});
	}

	issue(owner: PeerOwner): IssuedPeer {
		// Sweeping here bounds both maps by the rate ids are asked for, without a timer.
		this.peerIds.sweep().forEach((dropped) => this.#policy.forget(dropped));
		const { peerId } = this.peerIds.issue(owner);
		const iceServers = withTurnCredentials(this.#iceServers, {
			secret: this.#turnSecret,
			userId: owner.userId,
			now: this.#now()
		});
		return { peerId, iceServers, path: PEER_PATH, key: PEER_KEY };
	}

	/** Whether a signaling socket for `peerId` may open for this user. */
	mayConnect(peerId: string, userId: string): boolean {
		return this.peerIds.ownerOf(peerId)?.userId === userId;
	}

	/** Rules on one frame from the socket of `from`; refused frames are never relayed. */
	judge(from: { peerId: string; userId: string }, data: string): SignalVerdict {
		const signal = parseSignal(data);
		const decision = signal
			? this.#policy.decide(from, signal)
			: ({ relay: false, refusal: 'malformed' } as const);
		if (decision.relay) {
			return decision;
		}
		const { refusal } = decision;
		const reply = replyTo(from, refusal, signal?.dst ?? null);
		return { relay: false, refusal, msg: refusalMessages[refusal], reply };
	}

	opened(peerId: string): void {
		this.peerIds.connected(peerId);
	}

	/**
	 * Offers outlive the socket: PeerJS reconnects with the same id mid-call, and a refused
	 * CANDIDATE would make the other browser's PeerJS tear the whole call down.
	 */
	closed(peerId: string): void {
		this.peerIds.disconnected(peerId);
	}

	/** Sessions ended: their ids stop working; returns them so live sockets can be closed. */
	revokeSessions(sessionIds: string[]): string[] {
		const dropped = this.peerIds.revokeSessions(sessionIds);
		dropped.forEach((peerId) => this.#policy.forget(peerId));
		return dropped;
	}
}

export function createCallService(deps: {
	db: Db;
	config: Pick<ServerConfig, 'iceServers' | 'turnSecret'>;
}): CallService {
	return new CallService({
		iceServers: deps.config.iceServers,
		...(deps.config.turnSecret ? { turnSecret: deps.config.turnSecret } : {}),
		pairs: new SqliteEngagementPairs(deps.db)
	});
}
