import type { PeerOptions } from 'peerjs';

/** The body of POST /api/calls/peer (src/lib/server/calls/call-service.ts, IssuedPeer). */
export interface IssuedPeer {
	peerId: string;
	iceServers: RTCIceServer[];
	path: string;
	key: string;
}

/** Asks the server for a peer id; only ids it issued can open signaling. */
export async function requestPeerId(fetchFn: typeof fetch = fetch): Promise<IssuedPeer> {
	const response = await fetchFn('/api/calls/peer', { method: 'POST' });
	if (response.status !== 201) {
		throw new Error(`Could not get a call id (HTTP ${response.status}).`);
	}
	return (await response.json()) as IssuedPeer;
}

/**
 * PeerJS options that point the client at this app's own signaling endpoint and the ICE
 * servers the server was configured with. `config` is always set, even to an empty list:
 * left out, PeerJS falls back to its public STUN/TURN servers, a third party we do not use.
 *
 * ```ts
 * const issued = await requestPeerId();
 * const peer = new Peer(issued.peerId, peerOptions(issued, window.location));
 * ```
 */
export function peerOptions(
	issued: IssuedPeer,
	location: Pick<Location, 'protocol' | 'hostname' | 'port'>
): PeerOptions {
	const secure = location.protocol === 'https:';
	return {
		host: location.hostname,
		port: location.port ? Number(location.port) : secure ? 443 : 80,
		secure,
		path: issued.path,
		key: issued.key,
		config: { iceServers: issued.iceServers } satisfies RTCConfiguration,
		debug: 0
	};
}
