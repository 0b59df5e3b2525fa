/**
 * The `call` field each person publishes in the `eng:<id>` document's awareness (see
 * docs/calls-ui.md). Awareness is whatever any connected peer sends, so every read goes through
 * these parsers: a malformed or foreign value is ignored, never trusted.
 */
export type CallMode = 'video' | 'audio';

export interface CoachCall {
	readonly role: 'coach';
	/** starting: on the device check; in-call: joined, calling the client; ended: ended for both. */
	readonly state: 'starting' | 'in-call' | 'ended';
	readonly mode: CallMode;
	/** Null until the coach has joined (peer ids are issued on joining, not on opening the page). */
	readonly peerId: string | null;
	/** When the coach joined (ms since epoch): both sides' session timers count from it. */
	readonly startedAt: number | null;
}

export interface ClientCall {
	readonly role: 'client';
	/** waiting: in the waiting room, ready to be called; in-call: connected to the coach. */
	readonly state: 'waiting' | 'in-call';
	readonly peerId: string;
	/** What the client sends; absent means video (the contract's original shape). */
	readonly mode?: CallMode;
}

export type CallField = CoachCall | ClientCall;

const MODES: readonly unknown[] = ['video', 'audio'];
const COACH_STATES: readonly unknown[] = ['starting', 'in-call', 'ended'];
const CLIENT_STATES: readonly unknown[] = ['waiting', 'in-call'];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function parseCoach(value: Record<string, unknown>): CoachCall | null {
	const { state, mode, peerId, startedAt } = value;
	if (!COACH_STATES.includes(state) || !MODES.includes(mode)) {
		return null;
	}
	if (!(peerId === null || (typeof peerId === 'string' && peerId !== ''))) {
		return null;
	}
	if (!(startedAt === null || (typeof startedAt === 'number' && Number.isFinite(startedAt)))) {
		return null;
	}
	return { role: 'coach', state, mode, peerId, startedAt } as CoachCall;
}

function parseClient(value: Record<string, unknown>): ClientCall | null {
	const { state, peerId, mode } = value;
	if (!CLIENT_STATES.includes(state) || typeof peerId !== 'string' || peerId === '') {
		return null;
	}
	if (mode !== undefined && !MODES.includes(mode)) {
		return null;
	}
	return { role: 'client', state, peerId, ...(mode ? { mode } : {}) } as ClientCall;
}

export function parseCallField(value: unknown): CallField | null {
	if (!isRecord(value)) {
		return null;
	}
	if (value.role === 'coach') {
		return parseCoach(value);
	}
	return value.role === 'client' ? parseClient(value) : null;
}

const RANK: Record<CoachCall['state'], number> = { 'in-call': 3, starting: 2, ended: 1 };

/**
 * The coach's call as the other people on the document see it. With several coach tabs open, the
 * liveliest wins (in-call over starting over ended), so a stale tab cannot hide a live call.
 */
export function coachCallIn(
	states: ReadonlyMap<number, Record<string, unknown>>,
	ownClientId: number
): CoachCall | null {
	let best: CoachCall | null = null;
	for (const [clientId, state] of states) {
		const call = clientId === ownClientId ? null : parseCallField(state.call);
		if (call?.role === 'coach' && (!best || RANK[call.state] > RANK[best.state])) {
			best = call;
		}
	}
	return best;
}

/** The client ready to be called (or already in the call), if any. */
export function clientCallIn(
	states: ReadonlyMap<number, Record<string, unknown>>,
	ownClientId: number
): ClientCall | null {
	let found: ClientCall | null = null;
	for (const [clientId, state] of states) {
		const call = clientId === ownClientId ? null : parseCallField(state.call);
		// A client in the call beats another tab of theirs still waiting.
		if (call?.role === 'client' && (!found || call.state === 'in-call')) {
			found = call;
		}
	}
	return found;
}

/** Whether the client app should say "Your coach is starting the session". */
export function coachIsCalling(call: CoachCall | null): boolean {
	return call?.state === 'starting' || call?.state === 'in-call';
}
