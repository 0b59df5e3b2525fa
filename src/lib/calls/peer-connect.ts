import type { Peer } from 'peerjs';
import type { IssuedPeer } from '../api/calls';
import { peerOptions } from './peer-options';

export async function browserPeer(issued: IssuedPeer): Promise<Peer> {
	// Loaded on demand: only call screens need PeerJS, and it must never load during SSR.
	const { Peer } = await import('peerjs');
	return new Peer(issued.peerId, peerOptions(issued, window.location));
}

const OPEN_TIMEOUT_MS = 15_000;
/** Resolves true once signalling has registered the peer's id (false on error or timeout). */
export function opened(peer: Peer): Promise<boolean> {
	if (peer.open) {
		return Promise.resolve(true);
	}
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), OPEN_TIMEOUT_MS);
		peer.once('open', () => {
			clearTimeout(timer);
			resolve(true);
		});
		peer.once('error', () => {
			clearTimeout(timer);
			resolve(peer.open);
		});
	});
}
