import type { CallProblem, CallStatus } from './call-session.svelte';
import type { CoachCall } from './call-state';
import type { ClientPhase } from './client-call.svelte';

/** Why joining failed, in words. */
export function callProblemText(problem: CallProblem | null): string | null {
	switch (problem) {
		case 'no-peer-id':
			return 'Could not start the call: check your connection and try again.';
		case 'signalling-lost':
			return 'Lost the connection to the server and could not get it back. Check your connection and join again.';
		default:
			return null;
	}
}

/** The coach's status line in the call; null once talking to the client. */
export function coachStatusText(input: {
	status: CallStatus;
	clientPresent: boolean;
	clientName: string;
	signallingDown: boolean;
	problem: CallProblem | null;
}): string | null {
	if (input.status === 'failed') {
		return callProblemText(input.problem);
	}
	if (input.status === 'reconnecting') {
		return input.clientPresent
			? 'Connection lost. Reconnecting…'
			: `${input.clientName} left the call. Waiting for them to rejoin…`;
	}
	if (input.status === 'connected') {
		return input.signallingDown ? 'Connection to the server lost. Reconnecting…' : null;
	}
	return input.clientPresent
		? `Connecting to ${input.clientName}…`
		: `Waiting for ${input.clientName} to join…`;
}

/** The client's status line in the waiting room and the call; null once talking. */
export function clientStatusText(input: {
	phase: ClientPhase;
	coach: CoachCall | null;
	coachName: string;
	signallingDown: boolean;
}): string | null {
	switch (input.phase) {
		case 'waiting':
			return input.coach?.state === 'in-call'
				? `${input.coachName} is in. Connecting…`
				: `You are in the waiting room. The session starts when ${input.coachName} is in.`;
		case 'reconnecting':
			return 'Connection lost. Reconnecting…';
		case 'in-call':
			return input.signallingDown ? 'Connection to the server lost. Reconnecting…' : null;
		default:
			return null;
	}
}
