/**
 * What the coach's client list shows per client, from the Dexie ledger index. A client who has
 * not accepted has had no session and paid nothing: every figure reads "—" for them, whether or
 * not this device happens to have indexed the package assigned with the invitation.
 */
import type { SubscriptionRow } from '../../local/db';
import { formatMoney } from '../packages/money';

export interface ClientMetricsText {
	completed: string;
	lastSession: string;
	/** "1 used · 2 booked · 3 left of 6", or "—" without a package. */
	allowance: string;
	revenue: string;
}

const NONE = '—';
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function clientMetricsText(
	ledger: SubscriptionRow | undefined,
	accepted: boolean
): ClientMetricsText {
	if (!ledger || !accepted) {
		return { completed: NONE, lastSession: NONE, allowance: NONE, revenue: NONE };
	}
	const booked = ledger.sessionsBooked ?? 0;
	const used = Math.min(ledger.sessionsUsed, ledger.sessionsTotal);
	return {
		completed: String(ledger.sessionsCompleted),
		lastSession: ledger.lastSessionAt ? dateFormat.format(ledger.lastSessionAt) : NONE,
		allowance:
			ledger.packageName === null
				? NONE
				: `${used} used · ${Math.min(booked, ledger.sessionsTotal - used)} booked · ${ledger.sessionsRemaining} left of ${ledger.sessionsTotal}`,
		revenue: ledger.currency ? formatMoney(ledger.priceCents, ledger.currency) : NONE
	};
}
