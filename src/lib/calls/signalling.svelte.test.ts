import type { Peer } from 'peerjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../sync/emitter';
import { Signalling, unavailablePeerId } from './signalling.svelte';

/** The part of a PeerJS Peer that Signalling uses, driven by the test. */
class FakePeer {
	open = false;
	disconnected = false;
	destroyed = false;
	reconnects = 0;
	#events = new Emitter<Record<string, (...args: unknown[]) => void>>();
	constructor(readonly id: string) {}
	on(event: string, fn: (...args: unknown[]) => void) {
		this.#events.on(event, fn);
		return this;
	}
	once(event: string, fn: (...args: unknown[]) => void) {
		const off = this.#events.on(event, (...args) => {
			off();
			fn(...args);
		});
		return this;
	}
	emit(event: string, ...args: unknown[]) {
		this.#events.emit(event, ...args);
	}
	serverOpens() {
		this.open = true;
		this.disconnected = false;
		this.emit('open', this.id);
	}
	drops() {
		this.open = false;
		this.disconnected = true;
		this.emit('disconnected', this.id);
	}
	reconnect() {
		this.reconnects += 1;
	}
	destroy() {
		this.destroyed = true;
	}
}

let peers: FakePeer[] = [];
beforeEach(() => {
	vi.useFakeTimers();
	peers = [];
});
afterEach(() => vi.useRealTimers());

function setup(options: { refuseIds?: boolean } = {}) {
	let issued = 0;
	const signalling = new Signalling({
		requestPeer: async () => {
			if (options.refuseIds) {
				throw new Error('401');
			}
			issued += 1;
			return { peerId: `id-${issued}`, iceServers: [], path: '/peerjs', key: 'tandem' };
		},
		createPeer: async (issuedPeer) => {
			const peer = new FakePeer(issuedPeer.peerId);
			peers.push(peer);
			// The server answers OPEN once the socket is up.
			queueMicrotask(() => peer.serverOpens());
			return peer as unknown as Peer;
		}
	});
	const opened: string[] = [];
	signalling.on('open', (id) => opened.push(id));
	return { signalling, opened };
}

describe('Signalling', () => {
	it('opens with an id from the server, or says why not', async () => {
		expect(await setup().signalling.open()).toEqual({ peerId: 'id-1' });
		expect(await setup({ refuseIds: true }).signalling.open()).toEqual({ problem: 'no-peer-id' });
	});

	it('reconnects with the same id after a drop, backing off', async () => {
		const { signalling, opened } = setup();
		await signalling.open();
		peers[0]!.drops();
		expect(signalling.down).toBe(true);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(peers[0]!.reconnects).toBe(1);
		peers[0]!.serverOpens();
		expect(signalling.down).toBe(false);
		expect(opened).toEqual(['id-1']);
	});

	it('asks for a new id when the old one keeps failing, and keeps the old peer for its call', async () => {
		const { signalling, opened } = setup();
		await signalling.open();
		for (const wait of [1_000, 2_000, 4_000]) {
			peers[0]!.drops();
			await vi.advanceTimersByTimeAsync(wait);
		}
		expect(peers[0]!.reconnects).toBe(3);
		peers[0]!.drops();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(peers).toHaveLength(2);
		expect(opened).toEqual(['id-2']);
		expect(signalling.peerId).toBe('id-2');
		expect(signalling.down).toBe(false);
		expect(peers[0]!.destroyed).toBe(false);
		signalling.releaseRetired();
		expect(peers[0]!.destroyed).toBe(true);
	});

	it('gives up after a bounded number of new-id attempts', async () => {
		let refuse = false;
		const signalling = new Signalling({
			requestPeer: async () => {
				if (refuse) {
					throw new Error('offline');
				}
				return { peerId: 'id-1', iceServers: [], path: '/peerjs', key: 'tandem' };
			},
			createPeer: async (issued) => {
				const peer = new FakePeer(issued.peerId);
				peers.push(peer);
				queueMicrotask(() => peer.serverOpens());
				return peer as unknown as Peer;
			}
		});
		const lost = vi.fn();
		signalling.on('lost', lost);
		await signalling.open();
		refuse = true;
		peers[0]!.emit('close');
		await vi.advanceTimersByTimeAsync(120_000);
		expect(lost).toHaveBeenCalledOnce();
		expect(signalling.down).toBe(true);
	});

	it('says at once when the server does not know the peer just called (peer-unavailable)', async () => {
		const { signalling } = setup();
		const unavailable = vi.fn();
		signalling.on('unavailable', unavailable);
		await signalling.open();
		// What PeerJS emits when the server answers EXPIRE for a call.
		const error = Object.assign(new Error('Could not connect to peer client-7'), {
			type: 'peer-unavailable'
		});
		peers[0]!.emit('error', error);
		expect(unavailable).toHaveBeenCalledExactlyOnceWith('client-7');
		// Other errors are not about the other side's presence.
		peers[0]!.emit('error', Object.assign(new Error('Lost connection'), { type: 'network' }));
		expect(unavailable).toHaveBeenCalledOnce();
		expect(signalling.down).toBe(false);
	});

	it('reads the unavailable peer id only from a peer-unavailable error', () => {
		const message = 'Could not connect to peer abc-123';
		expect(unavailablePeerId({ type: 'peer-unavailable', message })).toBe('abc-123');
		expect(unavailablePeerId({ type: 'server-error', message })).toBeNull();
		expect(unavailablePeerId({ type: 'peer-unavailable', message: 'Something else' })).toBeNull();
	});

	it('close destroys the peer and stops retrying', async () => {
		const { signalling } = setup();
		await signalling.open();
		signalling.close();
		expect(peers[0]!.destroyed).toBe(true);
		peers[0]!.drops();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(peers[0]!.reconnects).toBe(0);
	});
});
