import { describe, expect, it } from 'vitest';
import { clientCallIn, coachCallIn, coachIsCalling, parseCallField } from './call-state';

const coach = (state: string, extra: Record<string, unknown> = {}) => ({
	call: { role: 'coach', state, mode: 'video', peerId: 'p-coach', startedAt: 1000, ...extra }
});

describe('parseCallField', () => {
	it('accepts the contract shapes', () => {
		expect(parseCallField(coach('in-call').call)).toEqual(coach('in-call').call);
		expect(
			parseCallField({
				role: 'coach',
				state: 'starting',
				mode: 'audio',
				peerId: null,
				startedAt: null
			})
		).toMatchObject({ state: 'starting', peerId: null });
		expect(parseCallField({ role: 'client', state: 'waiting', peerId: 'p1' })).toEqual({
			role: 'client',
			state: 'waiting',
			peerId: 'p1'
		});
	});

	it('ignores malformed or foreign values', () => {
		for (const bad of [
			null,
			'call',
			{ role: 'admin', state: 'in-call' },
			{ role: 'coach', state: 'ringing', mode: 'video', peerId: null, startedAt: null },
			{ role: 'coach', state: 'in-call', mode: 'screen', peerId: 'p', startedAt: 1 },
			{ role: 'coach', state: 'in-call', mode: 'video', peerId: '', startedAt: 1 },
			{ role: 'coach', state: 'in-call', mode: 'video', peerId: 'p', startedAt: 'now' },
			{ role: 'client', state: 'waiting' },
			{ role: 'client', state: 'waiting', peerId: 'p', mode: 'hologram' }
		]) {
			expect(parseCallField(bad)).toBeNull();
		}
	});
});

describe('coachCallIn / clientCallIn', () => {
	it("skips this tab's own state and prefers a live call over a stale tab", () => {
		const states = new Map<number, Record<string, unknown>>([
			[1, coach('in-call', { peerId: 'mine' })],
			[2, coach('ended', { peerId: 'old' })],
			[3, coach('in-call', { peerId: 'live' })],
			[4, { user: { name: 'x' } }]
		]);
		expect(coachCallIn(states, 1)?.peerId).toBe('live');
		expect(coachCallIn(new Map([[1, coach('in-call')]]), 1)).toBeNull();
	});

	it('finds the client, preferring the tab already in the call', () => {
		const states = new Map<number, Record<string, unknown>>([
			[5, { call: { role: 'client', state: 'in-call', peerId: 'a' } }],
			[6, { call: { role: 'client', state: 'waiting', peerId: 'b' } }],
			[7, coach('in-call')]
		]);
		expect(clientCallIn(states, 7)?.peerId).toBe('a');
		expect(clientCallIn(new Map([[7, coach('in-call')]]), 1)).toBeNull();
	});

	it('says the coach is calling while starting or in the call, not after it ended', () => {
		expect(coachIsCalling(null)).toBe(false);
		expect(coachIsCalling(parseCallField(coach('starting').call) as never)).toBe(true);
		expect(coachIsCalling(parseCallField(coach('in-call').call) as never)).toBe(true);
		expect(coachIsCalling(parseCallField(coach('ended').call) as never)).toBe(false);
	});
});
