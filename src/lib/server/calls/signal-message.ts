/**
 * The PeerJS wire protocol as a browser sends it: JSON text frames `{ type, dst?, payload? }`.
 * The server sets `src` itself, so whatever a client writes there is ignored.
 */
export type SignalType = 'HEARTBEAT' | 'OFFER' | 'ANSWER' | 'CANDIDATE' | 'LEAVE';

export interface Signal {
	type: SignalType;
	/** The peer id it is for; absent on HEARTBEAT and on a LEAVE that means "I am going". */
	dst: string | null;
	/** For an OFFER: 'media' or 'data', from payload.type. */
	connectionType: string | null;
}

// The types a browser may send. OPEN, ID-TAKEN, ERROR and EXPIRE are the server's own words:
// relaying a client's EXPIRE would tell the other side its call failed.
const CLIENT_TYPES = new Set<string>(['HEARTBEAT', 'OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE']);

/** Parses one frame; null when it is not a PeerJS message a browser may send. */
export function parseSignal(data: string): Signal | null {
	let value: unknown;
	try {
		value = JSON.parse(data);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return null;
	}
	const { type, dst, payload } = value as Record<string, unknown>;
	if (typeof type !== 'string' || !CLIENT_TYPES.has(type)) {
		return null;
	}
	if (dst !== undefined && dst !== null && typeof dst !== 'string') {
		return null;
	}
	const connectionType =
		typeof payload === 'object' && payload !== null && 'type' in payload
			? String((payload as { type: unknown }).type)
			: null;
	return { type: type as SignalType, dst: dst || null, connectionType };
}
