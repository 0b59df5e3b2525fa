import type { PeerOptions } from 'peerjs';
import { issuedPeerSchema, type IssuedPeer } from '../api/calls';
import { apiRequest } from '../api/client';

/** Asks the server for a peer id; only ids it issued can open signaling. */
export async function requestPeerId(fetchFn: typeof fetch = fetch): Promise<IssuedPeer> {
	const issued = await apiRequest('/api/calls/peer', {
		method: 'POST',
		schema: issuedPeerSchema,
		fetch: fetchFn
	});
	if (!issued.ok) {
		throw new Error(
			issued.offline ? issued.error : `Could not get a call id (HTTP ${issued.status}).`
		);
	}
	return issued.data;
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
