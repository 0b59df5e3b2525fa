import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../domain/account';
import { membershipFixture } from '../memberships/membership-fixture.testing';
import { CallService, createCallService } from './call-service';

/** The relay policy over a real database: engagements made the way the app makes them. */
let f: ReturnType<typeof membershipFixture>;
let calls: CallService;
let coach: PublicUser;
let client: PublicUser;
let otherCoach: PublicUser;
let engagementId: string;

const frame = (type: string, dst?: string, payload: object = { type: 'media' }) =>
	JSON.stringify({ type, dst, payload });

function peerOf(user: PublicUser) {
	const { peerId } = calls.issue({ userId: user.id, sessionId: `session-${user.id}` });
	return { peerId, userId: user.id };
}

beforeEach(async () => {
	f = membershipFixture();
	calls = createCallService({ db: f.db, config: { iceServers: [], turnSecret: undefined } });
	coach = await f.account('coach', 'Cora', 'cora@example.com');
	client = await f.account('client', 'Clio', 'clio@example.com');
	otherCoach = await f.account('coach', 'Otto', 'otto@example.com');
	const store = f.engagementsStore();
	engagementId = store.createPending({
		coachId: coach.id,
		email: client.email,
		name: 'Clio',
		clientType: null,
		packageId: null
	});
	store.activate(engagementId, client.id);
});
afterEach(() => f.cleanup());

describe('CallService.judge', () => {
	it('relays OFFER coach→client, then the reply along that call only', () => {
		const c = peerOf(coach);
		const k = peerOf(client);
		const otherCoachPeer = peerOf(coach);
		expect(calls.judge(k, frame('CANDIDATE', c.peerId))).toMatchObject({ refusal: 'no-offer' });
		expect(calls.judge(c, frame('OFFER', k.peerId))).toEqual({ relay: true });
		expect(calls.judge(k, frame('ANSWER', c.peerId))).toEqual({ relay: true });
		expect(calls.judge(k, frame('CANDIDATE', c.peerId))).toEqual({ relay: true });
		// The coach's other tab did not offer: the client cannot write to it.
		expect(calls.judge(k, frame('ANSWER', otherCoachPeer.peerId))).toMatchObject({
			refusal: 'no-offer'
		});
		expect(calls.judge(c, frame('CANDIDATE', k.peerId))).toEqual({ relay: true });
	});

	it('refuses an OFFER from the client, media or data, with a message for the ERROR', () => {
		const c = peerOf(coach);
		const k = peerOf(client);
		for (const type of ['media', 'data']) {
			expect(calls.judge(k, frame('OFFER', c.peerId, { type }))).toMatchObject({
				relay: false,
				refusal: 'offer-not-coach',
				msg: 'Only the coach can start a call.'
			});
		}
	});

	it('refuses strangers, pending and ended engagements', () => {
		const k = peerOf(client);
		expect(calls.judge(peerOf(otherCoach), frame('OFFER', k.peerId))).toMatchObject({
			refusal: 'not-members'
		});
		const store = f.engagementsStore();
		store.createPending({
			coachId: otherCoach.id,
			email: client.email,
			name: 'Clio',
			clientType: null,
			packageId: null
		});
		expect(calls.judge(peerOf(otherCoach), frame('OFFER', k.peerId))).toMatchObject({
			refusal: 'not-members'
		});
		const c = peerOf(coach);
		store.end(engagementId);
		expect(calls.judge(c, frame('OFFER', k.peerId))).toMatchObject({ refusal: 'not-members' });
	});

	it('passes heartbeats and refuses what a browser never sends', () => {
		const c = peerOf(coach);
		const k = peerOf(client);
		expect(calls.judge(c, frame('HEARTBEAT'))).toEqual({ relay: true });
		expect(calls.judge(c, frame('LEAVE'))).toEqual({ relay: true });
		for (const data of ['nope', '[]', frame('EXPIRE', k.peerId), frame('OPEN', k.peerId)]) {
			expect(calls.judge(c, data)).toMatchObject({ refusal: 'malformed' });
		}
		expect(calls.judge(c, JSON.stringify({ type: 'OFFER', dst: 7 }))).toMatchObject({
			refusal: 'malformed'
		});
		// As the stock peer server does: EXPIRE from the missing id, which PeerJS reports as
		// `peer-unavailable` for that call instead of tearing the whole Peer down.
		expect(calls.judge(c, frame('OFFER', 'never-issued'))).toMatchObject({
			refusal: 'unknown-peer',
			reply: JSON.stringify({ type: 'EXPIRE', src: 'never-issued', dst: c.peerId })
		});
		expect(calls.judge(k, frame('OFFER', c.peerId))).toMatchObject({
			refusal: 'offer-not-coach',
			reply: JSON.stringify({ type: 'ERROR', payload: { msg: 'Only the coach can start a call.' } })
		});
		expect(calls.judge(c, frame('OFFER'))).toMatchObject({ refusal: 'unknown-peer' });
	});

	it('stops relaying to and from ids of revoked sessions', () => {
		const c = peerOf(coach);
		const k = peerOf(client);
		expect(calls.judge(c, frame('OFFER', k.peerId))).toEqual({ relay: true });
		expect(calls.revokeSessions([`session-${client.id}`])).toEqual([k.peerId]);
		expect(calls.mayConnect(k.peerId, client.id)).toBe(false);
		expect(calls.judge(c, frame('OFFER', k.peerId))).toMatchObject({ refusal: 'unknown-peer' });
	});

	it('lets only the owner connect with an id', () => {
		const k = peerOf(client);
		expect(calls.mayConnect(k.peerId, client.id)).toBe(true);
		expect(calls.mayConnect(k.peerId, coach.id)).toBe(false);
		expect(calls.issue({ userId: coach.id, sessionId: 's' })).toMatchObject({
			path: '/peerjs',
			key: 'tandem',
			iceServers: []
		});
	});
});
