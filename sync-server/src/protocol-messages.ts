import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * The standard y-websocket wire format, so the stock WebsocketProvider works unchanged:
 * varUint message type, then for sync a varUint sub-type and a varUint8Array payload.
 */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

export type ClientMessage =
	| { kind: 'sync-step1'; stateVector: Uint8Array; isEmpty: boolean }
	| { kind: 'sync-step2'; update: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' };

export class MalformedMessage extends Error {}

/** Throws MalformedMessage for anything that is not a message a Yjs client sends. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
	try {
		return decode(decoding.createDecoder(data));
	} catch (error) {
		throw error instanceof MalformedMessage ? error : new MalformedMessage(String(error));
	}
}

function decode(decoder: decoding.Decoder): ClientMessage {
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MessageType.Sync:
			return decodeSync(decoder);
		case MessageType.Awareness:
			return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case MessageType.QueryAwareness:
			return { kind: 'query-awareness' };
		default:
			// Includes Auth (2): clients never send it; the server is the one that denies.
			throw new MalformedMessage(`unknown message type ${type}`);
	}
}

function decodeSync(decoder: decoding.Decoder): ClientMessage {
	const subType = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	switch (subType) {
		case syncProtocol.messageYjsSyncStep1:
			// Decoding now rejects garbage before it reaches the document.
			return {
				kind: 'sync-step1',
				stateVector: payload,
				isEmpty: Y.decodeStateVector(payload).size === 0
			};
		case syncProtocol.messageYjsSyncStep2:
			return { kind: 'sync-step2', update: payload };
		case syncProtocol.messageYjsUpdate:
			return { kind: 'update', update: payload };
		default:
			throw new MalformedMessage(`unknown sync message type ${subType}`);
	}
}

function encodeSync(subType: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Sync);
	encoding.writeVarUint(encoder, subType);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
	encodeSync(syncProtocol.messageYjsSyncStep1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) =>
	encodeSync(syncProtocol.messageYjsSyncStep2, update);
export const encodeUpdate = (update: Uint8Array) =>
	encodeSync(syncProtocol.messageYjsUpdate, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Awareness);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}
