/**
 * How a package's allowance reads wherever it is shown (client dashboard, ledger, client page,
 * client list): used, booked and remaining side by side, so "4 remaining" can never sit next to
 * four booked sessions, and a total is never shown as overdrawn ("5 of 4 used").
 */
import type { SessionUsage } from '../../domain/sessions';

const sessions = (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'}`;

/** "1 used · 2 booked · 1 remaining of 4". */
export function usageLine(usage: Pick<SessionUsage, 'total' | 'used' | 'booked' | 'remaining'>) {
	const used = Math.min(usage.used, usage.total);
	const booked = Math.min(usage.booked, usage.total - used);
	return `${used} used · ${booked} booked · ${usage.remaining} remaining of ${usage.total}`;
}

/**
 * Said only when two devices recorded past the package offline (each was refused nothing
 * locally): the sessions beyond it, for the coach to correct or mark complimentary.
 */
export function beyondLine(usage: Pick<SessionUsage, 'beyond'>): string | null {
	return usage.beyond > 0
		? `${sessions(usage.beyond)} beyond the package (recorded on two devices at once): correct one or mark it complimentary.`
		: null;
}
