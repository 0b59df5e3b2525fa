import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CallPresence } from './call-presence';
import { coachStatusText } from './call-status-text';
import type { CallSession, CallSessionEvents } from './call-session.svelte';
import { ClientCall } from './client-call.svelte';
import { CoachCall } from './coach-call.svelte';
import type { LocalMedia } from './local-media.svelte';

// The call logic of both sides over two real awareness instances wired to each other (as the
// sync server would relay them); PeerJS and getUserMedia are replaced by small fakes.

function linkedAwareness(): [Awareness, Awareness, () => void] {
	const a = new Awareness(new Y.Doc());
	const b = new Awareness(new Y.Doc());
	const relay = (from: Awareness, to: Awareness) => {
		from.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
			const changed = [...added!, ...updated!, ...removed!];
			applyAwarenessUpdate(to, encodeAwarenessUpdate(from, changed), 'remote');
		});
	};
	relay(a, b);
	relay(b, a);
	return [a, b, () => (a.destroy(), b.destroy())];
}

class FakeSession {
	status: CallSession['status'] = 'idle';
	peerId: string | null = null;
	remotePeerId: string | null = null;
	calls: string[] = [];
	listeners: CallSessionEvents['connection'][] = [];
	signalListeners: CallSessionEvents['signalling'][] = [];
	unavailableListeners: CallSessionEvents['unavailable'][] = [];
	hungUp = false;
	constructor(readonly id: string) {}
	async open() {
		this.peerId = this.id;
		this.status = 'ready';
		return this.id;
	}
	accept() {}
	call(remote: string) {
		this.calls.push(remote);
		this.remotePeerId = remote;
		this.status = 'calling';
		return true;
	}
	on<K extends keyof CallSessionEvents>(event: K, fn: CallSessionEvents[K]) {
		if (event === 'connection') {
			this.listeners.push(fn as CallSessionEvents['connection']);
		} else if (event === 'unavailable') {
			this.unavailableListeners.push(fn as CallSessionEvents['unavailable']);
		} else {
			this.signalListeners.push(fn as CallSessionEvents['signalling']);
		}
		return () => {};
	}
	/** Signalling came back under a new id (the server restarted). */
	renew(peerId: string) {
		this.peerId = peerId;
		this.signalListeners.forEach((fn) => fn(peerId));
	}
	emit(state: 'connected' | 'closed') {
		this.status = state === 'connected' ? 'connected' : 'reconnecting';
		if (state === 'closed') {
			this.remotePeerId = null;
		}
		this.listeners.forEach((fn) => fn(state));
	}
	/** The server says nobody holds the id just called (PeerJS `peer-unavailable`). */
	unavailable(peerId: string) {
		this.status = 'ready';
		this.remotePeerId = null;
		this.unavailableListeners.forEach((fn) => fn(peerId));
	}
	async replaceVideo() {}
	hangUp() {
		this.hungUp = true;
		this.status = 'ended';
	}
}

function fakeMedia(): LocalMedia {
	return {
		stream: {} as MediaStream,
		sendMode: 'video',
		dropVideo: vi.fn(),
		stop: vi.fn()
	} as unknown as LocalMedia;
}

let cleanup: () => void = () => {};
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
	cleanup();
	vi.useRealTimers();
});

function setup() {
	const [coachSide, clientSide, destroy] = linkedAwareness();
	cleanup = destroy;
	const coachSession = new FakeSession('coach-peer');
	const clientSession = new FakeSession('client-peer');
	const coach = new CoachCall({
		presence: new CallPresence(coachSide),
		media: fakeMedia(),
		session: coachSession as unknown as CallSession,
		mode: 'video',
		now: () => 5_000
	});
	const client = new ClientCall({
		presence: new CallPresence(clientSide),
		media: fakeMedia(),
		session: clientSession as unknown as CallSession
	});
	return { coach, client, coachSession, clientSession };
}

describe('a call between coach and client', () => {
	it('the client hears the coach is starting, waits, and is called once the coach is in', async () => {
		const { coach, client, coachSession } = setup();
		expect(client.coach?.state).toBe('starting');
		await client.join();
		expect(client.phase).toBe('waiting');
		expect(coach.clientPresent).toBe(true);
		expect(coachSession.calls).toEqual([]);

		await coach.join();
		expect(client.coach).toMatchObject({
			state: 'in-call',
			peerId: 'coach-peer',
			startedAt: 5_000
		});
		expect(coachSession.calls).toEqual(['client-peer']);
	});

	it('the coach calls the client who arrives later, and only once per connection', async () => {
		const { coach, client, coachSession, clientSession } = setup();
		await coach.join();
		expect(coachSession.calls).toEqual([]);
		await client.join();
		expect(coachSession.calls).toEqual(['client-peer']);
		clientSession.emit('connected');
		expect(client.phase).toBe('in-call');
		expect(coachSession.calls).toEqual(['client-peer']);
	});

	it('after a drop the client says so and the coach calls again, backing off', async () => {
		const { coach, client, coachSession, clientSession } = setup();
		await client.join();
		await coach.join();
		coachSession.emit('connected');
		clientSession.emit('connected');

		clientSession.emit('closed');
		coachSession.emit('closed');
		expect(client.phase).toBe('reconnecting');
		expect(coachSession.calls).toHaveLength(1);
		vi.advanceTimersByTime(999);
		expect(coachSession.calls).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(coachSession.calls).toEqual(['client-peer', 'client-peer']);

		// Still no luck: the next attempt waits twice as long.
		coachSession.emit('closed');
		vi.advanceTimersByTime(1_999);
		expect(coachSession.calls).toHaveLength(2);
		vi.advanceTimersByTime(1);
		expect(coachSession.calls).toHaveLength(3);
	});

	it('ending is for both: the client sees it ended and hangs up; the record keeps the start mode', async () => {
		const { coach, client, coachSession, clientSession } = setup();
		await client.join();
		await coach.join();
		await coach.switchToAudio();
		expect(client.coachMode).toBe('audio');
		const record = coach.end();
		expect(record).toEqual({ kind: 'video', startedAt: 5_000, endedAt: 5_000 });
		expect(coachSession.hungUp).toBe(true);
		expect(client.phase).toBe('ended');
		expect(clientSession.hungUp).toBe(true);
	});

	it("an audio session releases the client's camera already on the device check", async () => {
		const { coach, client } = setup();
		expect(client.media.dropVideo).not.toHaveBeenCalled();
		await coach.switchToAudio();
		expect(client.phase).toBe('check');
		expect(client.media.dropVideo).toHaveBeenCalledOnce();
	});

	it("after signalling comes back under a new id, the coach calls the client's new id", async () => {
		const { coach, client, coachSession, clientSession } = setup();
		await client.join();
		await coach.join();
		clientSession.renew('client-peer-2');
		expect(coachSession.calls).toEqual(['client-peer', 'client-peer-2']);
		coachSession.renew('coach-peer-2');
		expect(client.coach?.peerId).toBe('coach-peer-2');
	});

	it('a stale client id: the coach says it is waiting at once and calls the new id when published', async () => {
		const { coach, client, coachSession, clientSession } = setup();
		await client.join();
		await coach.join();
		expect(coachSession.calls).toEqual(['client-peer']);
		const statusLine = () =>
			coachStatusText({
				status: coachSession.status,
				clientPresent: coach.clientPresent,
				clientName: 'Cody',
				signallingDown: false,
				problem: null
			});
		expect(statusLine()).toBe('Connecting to Cody…');

		// The client's tab is gone but its presence lingers: the server knows no such peer.
		coachSession.unavailable('client-peer');
		expect(coach.clientPresent).toBe(false);
		expect(statusLine()).toBe('Waiting for Cody to join…');
		expect(coachSession.calls).toHaveLength(1);

		// The client is back under a new id: called at once, without waiting for any timer.
		clientSession.renew('client-peer-2');
		expect(coachSession.calls).toEqual(['client-peer', 'client-peer-2']);
		expect(coach.clientPresent).toBe(true);
		coachSession.emit('connected');
		vi.advanceTimersByTime(60_000);
		expect(coachSession.calls).toHaveLength(2);
	});

	it('a stale client id is tried again only slowly, and the 20 s watchdog does not pile on', async () => {
		const { coach, client, coachSession } = setup();
		await client.join();
		await coach.join();
		coachSession.unavailable('client-peer');
		vi.advanceTimersByTime(999);
		expect(coachSession.calls).toHaveLength(1);
		vi.advanceTimersByTime(1);
		// The same id once more (the client's signalling may come back under it) …
		expect(coachSession.calls).toEqual(['client-peer', 'client-peer']);
		expect(coach.clientPresent).toBe(false);
		// … and when that connects, the client is present again.
		coachSession.emit('connected');
		expect(coach.clientPresent).toBe(true);
		vi.advanceTimersByTime(60_000);
		expect(coachSession.calls).toHaveLength(2);
	});

	it('a client who leaves is gone for the coach', async () => {
		const { coach, client } = setup();
		await client.join();
		await coach.join();
		client.leave();
		expect(client.phase).toBe('left');
		expect(coach.clientPresent).toBe(false);
	});
});
