/**
 * The in-call session timer: time since the coach joined, and a warning five minutes before the
 * package's session length (`sessionMinutes` in the `sub:` package). Pure, so both sides show
 * the same thing from the same inputs.
 */
export const WARNING_LEAD_MS = 5 * 60_000;

export type ClockPhase = 'running' | 'warning' | 'over';

export interface SessionClock {
	readonly elapsedMs: number;
	/** "12:05", or "1:02:05" past an hour. */
	readonly elapsed: string;
	readonly phase: ClockPhase;
	/** Null without a package length. */
	readonly remainingMs: number | null;
	/** What to announce, or null while nothing needs saying. */
	readonly message: string | null;
}

export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = String(total % 60).padStart(2, '0');
	return hours > 0
		? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
		: `${minutes}:${seconds}`;
}

function phaseOf(remainingMs: number | null): ClockPhase {
	if (remainingMs === null || remainingMs > WARNING_LEAD_MS) {
		return 'running';
	}
	return remainingMs > 0 ? 'warning' : 'over';
}

export function sessionClock(input: {
	now: number;
	startedAt: number;
	/** The package's session length; null or 0 when there is no package. */
	sessionMinutes: number | null;
}): SessionClock {
	const elapsedMs = Math.max(0, input.now - input.startedAt);
	const lengthMs = input.sessionMinutes ? input.sessionMinutes * 60_000 : null;
	const remainingMs = lengthMs === null ? null : lengthMs - elapsedMs;
	const phase = phaseOf(remainingMs);
	// Whole minutes, rounded up: "5 minutes left" at 4:59 still reads right.
	const minutesLeft = remainingMs === null ? 0 : Math.ceil(remainingMs / 60_000);
	const message =
		phase === 'warning'
			? `${minutesLeft} minute${minutesLeft === 1 ? '' : 's'} left of the ${input.sessionMinutes}-minute session.`
			: phase === 'over'
				? `The ${input.sessionMinutes}-minute session time is up.`
				: null;
	return { elapsedMs, elapsed: formatDuration(elapsedMs), phase, remainingMs, message };
}
