import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedPeer } from '../../src/lib/api/calls';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import {
	CallsWorld,
	issuePeer as issue,
	SignalingPool,
	type Json
} from './calls-signaling.helpers';

/**
 * Call signaling as the app serves it: real accounts and engagements, the `peer` package behind
 * /peerjs, and raw websockets speaking the PeerJS wire protocol (JSON frames with type, dst and
 * payload; the server adds src), exactly what the browser's PeerJS client sends.
 */
const ICE = [{ urls: 'stun:127.0.0.1:3478' }];
let world: CallsWorld;
let server: RunningServer;
let pool: SignalingPool;

const connect = (issued: IssuedPeer, as: { cookie?: string; origin?: string; peerId?: string }) =>
	pool.connect(issued, as);
const open = (user: HttpClient) => pool.open(user);

let coach: HttpClient;
let client: HttpClient;
let otherCoach: HttpClient;
let otherClient: HttpClient;

beforeAll(async () => {
	world = await CallsWorld.start({ ICE_SERVERS: JSON.stringify(ICE) });
	server = world.server;
	pool = new SignalingPool(server.url);
	coach = await world.signupCoach('Coach Cora');
	client = (await world.clientOf(coach)).http;
	otherCoach = await world.signupCoach('Coach Otto');
	const other = await world.clientOf(otherCoach);
	otherClient = other.http;
	// Coach Cora has invited Otto's client too, who has not accepted: a pending engagement.
	await world.invite(coach, other.email);
});

afterAll(async () => {
	pool?.closeAll();
	await world?.stop();
});

describe('issuing peer ids', () => {
	it('gives a signed-in user a fresh id, the configured ICE servers and the mount point', async () => {
		const a = await issue(coach);
		const b = await issue(coach);
		expect(a).toEqual({
			peerId: expect.any(String),
			iceServers: ICE,
			path: '/peerjs',
			key: 'tandem'
		});
		expect(b.peerId).not.toBe(a.peerId);
		expect((await new HttpClient(server.url).post('/api/calls/peer')).status).toBe(401);
		const foreign = new HttpClient(server.url, { origin: 'https://evil.example' });
		expect((await foreign.post('/api/calls/peer')).status).toBe(403);
	});

	it("does not expose the peer server's own HTTP id and discovery routes", async () => {
		for (const path of ['/peerjs/tandem/id', '/peerjs/tandem/peers', '/peerjs/peerjs/id']) {
			const response = await coach.get(path);
			expect(response.status).toBe(404);
		}
	});
});

describe('admission to /peerjs', () => {
	it('refuses a socket without a session cookie', async () => {
		expect(await connect(await issue(coach), {})).toBe(401);
	});

	it('refuses a socket from a foreign Origin', async () => {
		const issued = await issue(coach);
		expect(
			await connect(issued, { cookie: coach.cookieHeader, origin: 'https://evil.example' })
		).toBe(403);
	});

	it('refuses an id that was not issued to this user', async () => {
		const clients = await issue(client);
		expect(await connect(clients, { cookie: coach.cookieHeader })).toBe(403);
		expect(await connect(clients, { cookie: coach.cookieHeader, peerId: 'chosen-by-me' })).toBe(
			403
		);
	});
});

describe('relaying', () => {
	it("relays the coach's OFFER to their client, then the client's ANSWER and CANDIDATEs back", async () => {
		const c = await open(coach);
		const k = await open(client);
		c.send('OFFER', k.peerId, { type: 'media', connectionId: 'mc_1', sdp: { type: 'offer' } });
		const offer = await k.next('OFFER');
		expect(offer).toMatchObject({ src: c.peerId, dst: k.peerId, payload: { type: 'media' } });
		k.send('ANSWER', c.peerId, { type: 'media', connectionId: 'mc_1', sdp: { type: 'answer' } });
		k.send('CANDIDATE', c.peerId, { type: 'media', connectionId: 'mc_1', candidate: {} });
		expect(await c.next('ANSWER')).toMatchObject({ src: k.peerId, dst: c.peerId });
		expect(await c.next('CANDIDATE')).toMatchObject({ src: k.peerId });
		c.send('CANDIDATE', k.peerId, { type: 'media', connectionId: 'mc_1', candidate: {} });
		expect(await k.next('CANDIDATE')).toMatchObject({ src: c.peerId });
	});

	it("refuses a client's crafted OFFER to the coach with an ERROR and never relays it", async () => {
		const c = await open(coach);
		const k = await open(client);
		for (const type of ['media', 'data']) {
			k.send('OFFER', c.peerId, { type, connectionId: `x_${type}` });
			expect((await k.next('ERROR')).payload.msg).toMatch(/only the coach/i);
		}
		// An answer before any offer from that coach peer is refused too.
		k.send('ANSWER', c.peerId, { type: 'media', connectionId: 'x_media' });
		expect((await k.next('ERROR')).payload.msg).toMatch(/no call/i);
		// Frames are handled in order: once a later, legitimate exchange arrives, nothing
		// from before it can still be on its way.
		c.send('OFFER', k.peerId, { type: 'media', connectionId: 'mc_2' });
		await k.next('OFFER');
		k.send('ANSWER', c.peerId, { type: 'media', connectionId: 'mc_2' });
		await c.next('ANSWER');
		expect(c.received.filter((m) => m.type !== 'HEARTBEAT')).toEqual([]);
	});

	it('refuses a coach of another engagement', async () => {
		const stranger = await open(otherCoach);
		const k = await open(client);
		stranger.send('OFFER', k.peerId, { type: 'media', connectionId: 'mc_s' });
		expect((await stranger.next('ERROR')).payload.msg).toMatch(/people you work with/i);
		stranger.send('CANDIDATE', k.peerId, { type: 'media', connectionId: 'mc_s' });
		await stranger.next('ERROR');
		// Barrier, not time: the server answers k's own bad frame after anything it relayed before.
		k.ws.send('not json');
		await k.next('ERROR');
		expect(k.received).toEqual([]);
	});

	it('refuses a client whose engagement with that coach is still pending', async () => {
		const c = await open(coach);
		const pending = await open(otherClient);
		c.send('OFFER', pending.peerId, { type: 'media', connectionId: 'mc_p' });
		expect((await c.next('ERROR')).payload.msg).toMatch(/people you work with/i);
		// Barrier, not time: the server answers pending's own bad frame after anything it relayed before.
		pending.ws.send('not json');
		await pending.next('ERROR');
		expect(pending.received).toEqual([]);
	});

	it('refuses frames that are not PeerJS client messages', async () => {
		const c = await open(coach);
		const k = await open(client);
		c.ws.send('not json');
		await c.next('ERROR');
		c.send('EXPIRE', k.peerId);
		await c.next('ERROR');
		c.send('OFFER', 'never-issued', { type: 'media' });
		expect(await c.next('EXPIRE')).toMatchObject({ src: 'never-issued', dst: c.peerId });
	});
});

describe('when access ends', () => {
	it('closes the signaling socket of a session that signs out', async () => {
		const coachToo = await world.signupCoach('Coach Sign Out');
		const s = await open(coachToo);
		expect((await coachToo.post('/api/auth/logout')).status).toBeLessThan(400);
		expect(await s.closed).toBe(4401);
	});

	it('stops relaying once the engagement ends', async () => {
		const endingCoach = await world.signupCoach('Coach Ending');
		const endingClient = (await world.clientOf(endingCoach)).http;
		const { engagements } = (await (await endingClient.get('/api/engagements')).json()) as Json;
		const c = await open(endingCoach);
		const k = await open(endingClient);
		expect((await endingCoach.post(`/api/engagements/${engagements[0].id}/end`)).status).toBe(200);
		c.send('OFFER', k.peerId, { type: 'media', connectionId: 'mc_e' });
		await c.next('ERROR');
		// Barrier, not time: the server answers k's own bad frame after anything it relayed before.
		k.ws.send('not json');
		await k.next('ERROR');
		expect(k.received).toEqual([]);
	});
});

describe('configuration', () => {
	// Starts a server of its own inside the test: give it the hook's time, not a test's.
	it(
		'mints per-user TURN credentials when TURN_STATIC_AUTH_SECRET is set',
		{ timeout: 60_000 },
		async () => {
			const turnWorld = await CallsWorld.start({
				ICE_SERVERS: '[{"urls":"stun:127.0.0.1:3478"},{"urls":"turn:127.0.0.1:3478"}]',
				TURN_STATIC_AUTH_SECRET: 'shared-with-coturn'
			});
			try {
				const user = await turnWorld.signupCoach('Coach Turn');
				const me = (await (await user.get('/api/me')).json()) as Json;
				const [stun, turn] = (await issue(user)).iceServers;
				expect(stun).toEqual({ urls: 'stun:127.0.0.1:3478' });
				const username = `${Math.floor(Date.now() / 1000) + 86_400}:${me.user.id}`;
				expect(turn!.username).toMatch(new RegExp(`^\\d+:${me.user.id}$`));
				expect(
					Math.abs(Number(turn!.username!.split(':')[0]) - Number(username.split(':')[0]))
				).toBeLessThan(60);
				expect(turn!.credential).toBe(
					createHmac('sha1', 'shared-with-coturn').update(turn!.username!).digest('base64')
				);
			} finally {
				await turnWorld.stop();
			}
		}
	);

	it(
		'refuses to start with an ICE_SERVERS that is not a JSON array of ICE servers',
		{ timeout: 60_000 },
		async () => {
			await expect(spawnServer({ env: { ICE_SERVERS: '{"urls": nope' } })).rejects.toThrow(
				/ICE_SERVERS must be a JSON array/
			);
		}
	);
});
