import { describe, expect, it } from 'vitest';
import { formatDuration, sessionClock } from './session-clock';

const min = 60_000;

describe('formatDuration', () => {
	it('shows m:ss, and h:mm:ss past an hour', () => {
		expect(formatDuration(0)).toBe('0:00');
		expect(formatDuration(65_400)).toBe('1:05');
		expect(formatDuration(3_725_000)).toBe('1:02:05');
		expect(formatDuration(-500)).toBe('0:00');
	});
});

describe('sessionClock', () => {
	const at = (elapsedMs: number, sessionMinutes: number | null = 60) =>
		sessionClock({ now: 1_000_000 + elapsedMs, startedAt: 1_000_000, sessionMinutes });

	it('runs quietly until five minutes before the package length', () => {
		const clock = at(54 * min + 59_000);
		expect(clock.phase).toBe('running');
		expect(clock.message).toBeNull();
		expect(clock.elapsed).toBe('54:59');
	});

	it('warns in the last five minutes, counting whole minutes up', () => {
		expect(at(55 * min)).toMatchObject({
			phase: 'warning',
			message: '5 minutes left of the 60-minute session.'
		});
		expect(at(59 * min + 30_000).message).toBe('1 minute left of the 60-minute session.');
	});

	it('says when the time is up and keeps counting', () => {
		const clock = at(61 * min);
		expect(clock.phase).toBe('over');
		expect(clock.remainingMs).toBe(-min);
		expect(clock.message).toBe('The 60-minute session time is up.');
	});

	it('never warns without a package', () => {
		expect(at(500 * min, null)).toMatchObject({ phase: 'running', remainingMs: null });
		expect(at(500 * min, 0).phase).toBe('running');
	});

	it('warns from the start when the session is five minutes or shorter', () => {
		expect(at(0, 5).phase).toBe('warning');
	});
});
