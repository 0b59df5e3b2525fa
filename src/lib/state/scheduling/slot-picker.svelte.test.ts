import { afterEach, describe, expect, it, vi } from 'vitest';
import { SlotPicker } from './slot-picker.svelte';
import { addDays, todayIn } from './time';
import type { Booking, SlotList } from '../../api/scheduling';

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function slotList(starts: string[]): SlotList {
	return {
		timeZone: 'Europe/Berlin',
		sessionMinutes: 60,
		canBook: true,
		maxDaysAhead: 30,
		cancelNoticeHours: 24,
		slots: starts.map((s) => ({
			startsAt: s,
			endsAt: new Date(Date.parse(s) + 3_600_000).toISOString()
		}))
	};
}

/** A server that lists the given slot lists in turn, counting the requests. */
function serveSlots(...lists: SlotList[]) {
	const urls: string[] = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(async (url: string) => {
			urls.push(url);
			return json(200, lists[Math.min(urls.length, lists.length) - 1]);
		})
	);
	return urls;
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('SlotPicker', () => {
	it('groups the server’s slots by the viewer’s day', async () => {
		const urls = serveSlots(
			slotList(['2026-03-02T22:30:00Z', '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z'])
		);
		const picker = new SlotPicker({ engagementId: 'e1', zone: 'Asia/Tokyo', action: vi.fn() });
		await picker.load();
		expect(urls[0]).toMatch(
			/^\/api\/engagements\/e1\/slots\?from=\d{4}-\d\d-\d\d&days=14&timeZone=Asia%2FTokyo$/
		);
		expect(picker.days.map((d) => [d.date, d.items.length])).toEqual([
			['2026-03-02', 1],
			['2026-03-03', 2]
		]);
	});

	it('a slot just taken says so and lists the slots again, without the taken one', async () => {
		const urls = serveSlots(
			slotList(['2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z']),
			slotList(['2026-03-02T10:00:00Z'])
		);
		const picker = new SlotPicker({
			engagementId: 'e1',
			zone: 'UTC',
			action: async () => ({
				ok: false,
				problem: 'slot-taken',
				message: 'This time was just taken. Pick another.'
			})
		});
		await picker.load();
		const booked = await picker.pick(picker.days[0]!.items[0]!, 'video');
		expect(booked).toBeNull();
		expect(picker.problem).toBe('This time was just taken. Pick another.');
		expect(urls).toHaveLength(2);
		expect(picker.days[0]!.items.map((s) => s.startsAt)).toEqual(['2026-03-02T10:00:00Z']);
	});

	it('offline, shows no slots rather than stale ones', async () => {
		serveSlots(slotList(['2026-03-02T09:00:00Z']));
		const picker = new SlotPicker({
			engagementId: 'e1',
			zone: 'UTC',
			action: async () => ({ ok: false, problem: 'offline', message: 'offline' })
		});
		await picker.load();
		expect(picker.loaded).toBe(true);
		await picker.pick(picker.days[0]!.items[0]!, 'audio');
		expect(picker.offline).toBe(true);
		expect(picker.days).toEqual([]);

		vi.stubGlobal(
			'fetch',
			vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
		);
		await picker.load();
		expect(picker.offline).toBe(true);
		expect(picker.loaded).toBe(false);
	});

	it('keeps the confirmed booking for the confirmation screen', async () => {
		serveSlots(slotList(['2026-03-02T09:00:00Z']));
		const booking = { id: 'b1', kind: 'phone' } as Booking;
		const action = vi.fn(async () => ({ ok: true as const, data: { booking } }));
		const picker = new SlotPicker({ engagementId: 'e1', zone: 'UTC', action });
		await picker.load();
		const slot = picker.days[0]!.items[0]!;
		expect(await picker.pick(slot, 'phone')).toBe(booking);
		expect(action).toHaveBeenCalledWith(slot, 'phone');
		expect(picker.booked).toEqual(booking);
	});

	it('pages to later and earlier dates, bounded by today and the coach’s horizon', async () => {
		const urls = serveSlots({ ...slotList([]), maxDaysAhead: 30 });
		const picker = new SlotPicker({ engagementId: 'e1', zone: 'UTC', action: vi.fn() });
		const today = todayIn('UTC');
		const fromOf = (url: string | undefined) => new URL(url!, 'http://x').searchParams.get('from');
		expect(picker.hasLater).toBe(false); // Until the server has named its horizon.
		await picker.load();
		expect(picker.range).toEqual({ from: today, to: addDays(today, 13) });
		expect(picker.hasEarlier).toBe(false);
		expect(picker.hasLater).toBe(true);

		await picker.later();
		expect(fromOf(urls[1])).toBe(addDays(today, 14));
		expect(picker.hasEarlier).toBe(true);
		expect(picker.hasLater).toBe(true); // Day 28 is within 30 days.
		await picker.later();
		expect(fromOf(urls[2])).toBe(addDays(today, 28));
		// Day 42 is beyond the horizon: no further page, and asking anyway fetches nothing.
		expect(picker.hasLater).toBe(false);
		await picker.later();
		expect(urls).toHaveLength(3);

		await picker.earlier();
		await picker.earlier();
		expect(urls.slice(3).map(fromOf)).toEqual([addDays(today, 14), today]);
		expect(picker.hasEarlier).toBe(false);
	});

	it('a short horizon offers no later page', async () => {
		serveSlots({ ...slotList([]), maxDaysAhead: 7 });
		const picker = new SlotPicker({ engagementId: 'e1', zone: 'UTC', action: vi.fn() });
		await picker.load();
		expect(picker.hasLater).toBe(false);
		expect(picker.maxDaysAhead).toBe(7);
	});

	it('says why booking is not possible (sessions used up)', async () => {
		serveSlots({ ...slotList([]), canBook: false, reason: 'no-sessions-left' });
		const picker = new SlotPicker({ engagementId: 'e1', zone: 'UTC', action: vi.fn() });
		await picker.load();
		expect(picker.blocked).toMatch(/no sessions left/);
	});
});
