import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_REFUSALS, TOO_MANY_REFUSALS } from '../../src/lib/server/calls/refusal-limit';
import type { HttpClient } from '../helpers/http-client';
import { CallsWorld, SignalingPool, type Signaling } from './calls-signaling.helpers';

/**
 * A signaling socket whose frames keep being refused is closed after MAX_REFUSALS refusals in
 * the window (docs/calls.md), on a real server with raw PeerJS sockets. Frames are handled in
 * order, so a legitimate exchange completing after the refusals proves the socket was still
 * open then: no sleeps.
 */
let world: CallsWorld;
let pool: SignalingPool;
let coach: HttpClient;
let client: HttpClient;

beforeAll(async () => {
	world = await CallsWorld.start();
	pool = new SignalingPool(world.server.url);
	coach = await world.signupCoach('Coach Lima');
	client = (await world.clientOf(coach)).http;
}, 60_000);

afterAll(async () => {
	pool?.closeAll();
	await world?.stop();
});

const LOG_LINE = /calls: closed a signaling socket of user \S+: more than 20 refused messages/g;
const logLines = () => world.server.output().match(LOG_LINE) ?? [];

/** The coach calls `k` and `k` answers: both ways relayed, on whatever `c` and `k` are. */
async function callWorks(c: Signaling, k: Signaling, connectionId: string) {
	c.send('OFFER', k.peerId, { type: 'media', connectionId });
	expect(await k.next('OFFER')).toMatchObject({ src: c.peerId, payload: { connectionId } });
	k.send('ANSWER', c.peerId, { type: 'media', connectionId });
	expect(await c.next('ANSWER')).toMatchObject({ src: k.peerId, payload: { connectionId } });
}

describe('a peer whose frames keep being refused', () => {
	it('is answered up to the limit, legitimate traffic never counting, then closed once', async () => {
		const c = await open(coach);
		const k = await open(client);
		expect(logLines()).toHaveLength(0);

		// Legitimate traffic, far more than the limit, on both sockets: none of it counts. Frames
		// for a peer id nobody holds (a peer that just left) do not count either.
		for (let i = 0; i < MAX_REFUSALS + 5; i++) {
			k.send('HEARTBEAT');
			c.send('CANDIDATE', 'gone-peer', { type: 'media', connectionId: `gone_${i}` });
		}
		for (let i = 0; i < MAX_REFUSALS + 5; i++) {
			await c.next('EXPIRE');
		}
		await callWorks(c, k, 'mc_legit');

		// MAX_REFUSALS crafted offers (a client may not start a call): each one answered.
		for (let i = 0; i < MAX_REFUSALS; i++) {
			k.send('OFFER', c.peerId, { type: 'media', connectionId: `x_${i}` });
		}
		for (let i = 0; i < MAX_REFUSALS; i++) {
			expect((await k.next('ERROR')).payload.msg).toMatch(/only the coach/i);
		}
		// Not before the limit: the same socket still relays a call.
		await callWorks(c, k, 'mc_still');
		expect(k.ws.readyState).toBe(WebSocket.OPEN);

		// One more refusal (sent with a few others right behind it) closes the socket.
		for (let i = 0; i < 5; i++) {
			k.send('OFFER', c.peerId, { type: 'media', connectionId: `y_${i}` });
		}
		expect(await k.closedWith).toEqual(TOO_MANY_REFUSALS);
		expect(k.received.filter((m) => m.type === 'ERROR')).toEqual([]);
		await waitUntil(() => logLines().length > 0, 'the log line');
		expect(logLines()).toHaveLength(1);
		// Nothing the closed socket sent reached the coach.
		expect(c.received.filter((m) => m.type !== 'HEARTBEAT')).toEqual([]);

		// The other peer is unaffected: the coach's socket still calls the client's next id.
		expect(c.ws.readyState).toBe(WebSocket.OPEN);
		await callWorks(c, await open(client), 'mc_after');
	}, 60_000);

	it('counts refused frames of all kinds, per socket: another socket of the same user is not affected', async () => {
		const c = await open(coach);
		const noisy = await open(client);
		const quiet = await open(client);
		// A mix of what the policy refuses: not JSON, a server-only type, an answer to no offer.
		const refused = [
			() => noisy.ws.send('not json'),
			() => noisy.send('EXPIRE', c.peerId),
			() => noisy.send('ANSWER', c.peerId, { type: 'media', connectionId: 'nothing' })
		];
		for (let i = 0; i < MAX_REFUSALS; i++) {
			refused[i % refused.length]!();
		}
		quiet.send('OFFER', c.peerId, { type: 'media', connectionId: 'q_1' });
		await quiet.next('ERROR');
		for (let i = 0; i < MAX_REFUSALS; i++) {
			await noisy.next('ERROR');
		}
		noisy.ws.send(Buffer.from([1, 2, 3]));
		expect((await noisy.closedWith).code).toBe(TOO_MANY_REFUSALS.code);
		await callWorks(c, quiet, 'q_call');
		expect(quiet.ws.readyState).toBe(WebSocket.OPEN);
	}, 60_000);
});

const open = (user: HttpClient) => pool.open(user);

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
