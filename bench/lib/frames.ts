import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The few y-websocket frames a benchmark client needs, built with lib0 so the bytes are exactly
 * what y-protocols would write. Receivers never apply updates: that is what keeps one client
 * process able to stand in for hundreds of browsers.
 */
export const MessageType = { Sync: 0, Awareness: 1 } as const;
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Sync);
	encoding.writeVarUint(encoder, syncType);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** Sync step 1 with an empty state vector: "send me everything you have". */
export const emptyStep1 = syncFrame(SyncType.Step1, new Uint8Array([0]));

/** Sync step 2 carrying an empty update: the reply a client with no local state gives. */
export const emptyStep2 = syncFrame(SyncType.Step2, new Uint8Array([0, 0]));

export function updateFrame(update: Uint8Array): Uint8Array {
	return syncFrame(SyncType.Update, update);
}

export interface SyncHeader {
	messageType: number;
	syncType: number;
}

/** Reads only the two leading varuints; small enough to run for every received frame. */
export function readHeader(data: Uint8Array): SyncHeader {
	const decoder = decoding.createDecoder(data);
	const messageType = decoding.readVarUint(decoder);
	const syncType = messageType === MessageType.Sync ? decoding.readVarUint(decoder) : -1;
	return { messageType, syncType };
}

/** The update payload of a sync step 2 or update frame (used only outside timed sections). */
export function readSyncPayload(data: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(data);
	decoding.readVarUint(decoder);
	decoding.readVarUint(decoder);
	return decoding.readVarUint8Array(decoder);
}
