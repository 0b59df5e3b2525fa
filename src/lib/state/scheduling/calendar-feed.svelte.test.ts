import { afterEach, describe, expect, it, vi } from 'vitest';
import { CalendarFeed } from './calendar-feed.svelte';

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('CalendarFeed', () => {
	it('shows the link the server answers, as a whole address', async () => {
		vi.stubGlobal('location', new URL('http://localhost:3000/client/book'));
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => Response.json({ url: '/calendar/abc.ics', active: true }, { status: 200 }))
		);
		const feed = new CalendarFeed();
		await feed.load();
		expect(feed.problem).toBeNull();
		expect(feed.active).toBe(true);
		expect(feed.url).toBe('http://localhost:3000/calendar/abc.ics');
	});

	it('offline, says the link comes back online rather than talking about booking', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => {
				throw new TypeError('Failed to fetch');
			})
		);
		const feed = new CalendarFeed();
		await feed.load();
		expect(feed.url).toBeNull();
		expect(feed.problem).toMatch(/offline/i);
		expect(feed.problem).toMatch(/calendar link/);
		expect(feed.problem).not.toMatch(/Booking/);
	});
});
