import { describe, expect, it } from 'vitest';
import { callProblemText, clientStatusText, coachStatusText } from './call-status-text';

const coachInput = {
	status: 'ready' as const,
	clientPresent: false,
	clientName: 'Cody',
	signallingDown: false,
	problem: null
};

describe('coachStatusText', () => {
	it('waits for the client, then connects, then says nothing', () => {
		expect(coachStatusText(coachInput)).toBe('Waiting for Cody to join…');
		expect(coachStatusText({ ...coachInput, status: 'calling', clientPresent: true })).toBe(
			'Connecting to Cody…'
		);
		expect(coachStatusText({ ...coachInput, status: 'connected', clientPresent: true })).toBeNull();
	});

	it('says when the connection dropped and is being retried, or the client left', () => {
		expect(coachStatusText({ ...coachInput, status: 'reconnecting', clientPresent: true })).toBe(
			'Connection lost. Reconnecting…'
		);
		expect(coachStatusText({ ...coachInput, status: 'reconnecting' })).toBe(
			'Cody left the call. Waiting for them to rejoin…'
		);
		expect(
			coachStatusText({
				...coachInput,
				status: 'connected',
				clientPresent: true,
				signallingDown: true
			})
		).toBe('Connection to the server lost. Reconnecting…');
		expect(
			coachStatusText({ ...coachInput, status: 'failed', problem: 'signalling-lost' })
		).toMatch(/could not get it back/);
	});
});

describe('clientStatusText', () => {
	const coach = {
		role: 'coach' as const,
		state: 'in-call' as const,
		mode: 'video' as const,
		peerId: 'p',
		startedAt: 1
	};

	it('tells a client in the waiting room whether the coach is in yet', () => {
		const input = {
			phase: 'waiting' as const,
			coach: null,
			coachName: 'Carla',
			signallingDown: false
		};
		expect(clientStatusText(input)).toBe(
			'You are in the waiting room. The session starts when Carla is in.'
		);
		expect(clientStatusText({ ...input, coach })).toBe('Carla is in. Connecting…');
		expect(clientStatusText({ ...input, phase: 'reconnecting' })).toBe(
			'Connection lost. Reconnecting…'
		);
		expect(clientStatusText({ ...input, phase: 'in-call', coach })).toBeNull();
	});
});

describe('callProblemText', () => {
	it('has words for every problem and nothing for none', () => {
		expect(callProblemText('no-peer-id')).toMatch(/check your connection/);
		expect(callProblemText(null)).toBeNull();
	});
});
