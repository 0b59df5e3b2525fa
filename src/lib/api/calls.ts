/** The wire contract of POST /api/calls/peer: everything a browser needs to construct its Peer. */

import * as v from 'valibot';

/** One STUN/TURN server, as RTCIceServer takes it (TURN with short-lived credentials). */
export const iceServerSchema = v.object({
	urls: v.union([v.string(), v.array(v.string())]),
	username: v.optional(v.string()),
	credential: v.optional(v.string())
});
export type IceServer = v.InferOutput<typeof iceServerSchema>;

/** A PeerJS id bound to the caller, the ICE servers, and where signaling is mounted. */
export const issuedPeerSchema = v.object({
	peerId: v.string(),
	iceServers: v.array(iceServerSchema),
	path: v.string(),
	key: v.string()
});
export type IssuedPeer = v.InferOutput<typeof issuedPeerSchema>;
