import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import type { Practice } from '../../fixtures/practice';

export const COACH_ZONE = 'America/New_York';
export const CLIENT_ZONE = 'Asia/Kolkata';

/** Both people in different zones (Kolkata is +5:30, so a wrong offset shows), one locale. */
export const zonedContexts = {
	coach: { timezoneId: COACH_ZONE, locale: 'en-US' },
	client: { timezoneId: CLIENT_ZONE, locale: 'en-US' }
};

/** What the app should show for an instant in a zone (en-US, like the contexts). */
export const timeIn = (ms: number, zone: string) =>
	new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(
		ms
	);

async function ok(response: Promise<import('@playwright/test').APIResponse>) {
	const r = await response;
	expect(r.status(), `${r.url()}: ${await r.text()}`).toBeLessThan(300);
	return (await r.json()) as Record<string, unknown>;
}

/**
 * Opens the coach's hours today from a few minutes from now, so the first slot starts within
 * the ten-minute Start/Join window soon after booking. The coach's zone is one where it is
 * daytime now (UTC or Tokyo), so the hours never run past midnight.
 */
export async function openHoursSoon(
	coach: APIRequestContext,
	options: { cancelNoticeHours?: number } = {},
	now = Date.now()
) {
	const zone = ['UTC', 'Asia/Tokyo'].find((z) => {
		const hour = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(z).hour;
		return hour >= 1 && hour <= 20;
	})!;
	const local = Temporal.Instant.fromEpochMilliseconds(now + 3 * 60_000).toZonedDateTimeISO(zone);
	const minute = Math.ceil(local.minute / 5) * 5;
	const start = local
		.round({ smallestUnit: 'hour', roundingMode: 'floor' })
		.add({ minutes: minute });
	const hhmm = (t: Temporal.ZonedDateTime) => t.toPlainTime().toString({ smallestUnit: 'minute' });
	const empty = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
	await ok(
		coach.put('/api/availability', {
			data: {
				timeZone: zone,
				weekly: empty,
				bufferMinutes: 0,
				minNoticeMinutes: 0,
				maxDaysAhead: 14,
				cancelNoticeHours: options.cancelNoticeHours ?? 0,
				overrides: [
					{
						date: start.toPlainDate().toString(),
						intervals: [{ start: hhmm(start), end: hhmm(start.add({ hours: 2 })) }]
					}
				]
			}
		})
	);
	return { zone, firstSlot: start.epochMilliseconds };
}

/** A package of `sessions` half-hour sessions, assigned to the practice's client. */
export async function assignPackage(
	practice: Practice,
	options: { sessions: number; selfBooking: boolean }
) {
	const created = await ok(
		practice.coach.request.post('/api/packages', {
			data: {
				name: options.selfBooking ? 'Book yourself' : 'Coach books',
				sessionsTotal: options.sessions,
				sessionMinutes: 30,
				priceCents: 10000,
				currency: 'EUR',
				noShowConsumesSession: true,
				selfBooking: options.selfBooking
			}
		})
	);
	const pkg = created.package as { id: string };
	await ok(
		practice.coach.request.post(`/api/engagements/${practice.engagementId}/package`, {
			data: { packageId: pkg.id }
		})
	);
}

export async function bookingsOf(request: APIRequestContext) {
	const now = Date.now();
	const from = new Date(now - 86_400_000).toISOString();
	const to = new Date(now + 30 * 86_400_000).toISOString();
	const body = await ok(request.get(`/api/bookings?from=${from}&to=${to}`));
	return body.bookings as { id: string; startsAt: string; status: string; kind: string }[];
}

/** The slot picker wherever it is shown (client's Book page, coach's Book tab). */
export class SlotPickerModel {
	readonly region: Locator;
	readonly slots: Locator;
	readonly offlineNote: Locator;

	constructor(readonly page: Page) {
		this.region = page.getByRole('region', { name: 'Pick a time' });
		this.slots = this.region.getByRole('listitem').getByRole('button');
		this.offlineNote = page.getByText('You are offline. Booking needs a connection');
	}

	slot(time: string): Locator {
		return this.region.getByRole('button', { name: time, exact: true });
	}

	async book(time: string, kind?: 'Video' | 'Audio' | 'Phone') {
		if (kind) {
			await this.region.getByRole('radio', { name: kind }).check();
		}
		await this.slot(time).click();
		await this.region.getByRole('button', { name: `Book ${time}` }).click();
	}
}

/** The coach's /coach/schedule page. */
export class SchedulePage {
	readonly upcoming: Locator;
	readonly agenda: Locator;

	constructor(readonly page: Page) {
		this.upcoming = page.getByRole('region', { name: 'Upcoming & ongoing' });
		this.agenda = page.locator('section.agenda');
	}

	async goto() {
		await this.page.goto('/coach/schedule');
		await expect(this.page.getByRole('heading', { name: 'Schedule', level: 1 })).toBeVisible();
	}

	booking(withName: string): Locator {
		return this.upcoming.getByRole('article', { name: new RegExp(`session with ${withName}`) });
	}
}

/** The client's upcoming sessions card on their dashboard. */
export function clientSessions(page: Page): Locator {
	return page.getByRole('region', { name: 'Your sessions' });
}
