import { describe, expect, it } from 'vitest';
import type { SubscriptionRow } from '../../local/db';
import { clientMetricsText } from './client-metrics-text';

const row: SubscriptionRow = {
	engagementId: 'e1',
	packageName: 'Four talks',
	sessionsTotal: 4,
	sessionsUsed: 1,
	sessionsBooked: 2,
	sessionsRemaining: 1,
	sessionsCompleted: 1,
	lastSessionAt: null,
	priceCents: 40_000,
	currency: 'EUR'
};

describe('clientMetricsText', () => {
	it('shows used, booked and left for an accepted client, with the revenue', () => {
		const text = clientMetricsText(row, true);
		expect(text.allowance).toBe('1 used · 2 booked · 1 left of 4');
		expect(text.completed).toBe('1');
		expect(text.revenue).toMatch(/400/);
	});

	it('a pending client reads "—" everywhere, indexed or not: no revenue, no sessions', () => {
		const none = { completed: '—', lastSession: '—', allowance: '—', revenue: '—' };
		expect(clientMetricsText(row, false)).toEqual(none);
		expect(clientMetricsText(undefined, false)).toEqual(none);
	});

	it('a row indexed before bookings were counted reads as none booked', () => {
		const old: SubscriptionRow = { ...row, sessionsRemaining: 3 };
		delete old.sessionsBooked;
		expect(clientMetricsText(old, true).allowance).toBe('1 used · 0 booked · 3 left of 4');
	});
});
