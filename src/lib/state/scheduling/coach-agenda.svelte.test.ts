import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoachAgenda } from './coach-agenda.svelte';
import type { Booking } from '../../api/scheduling';

const booking = (
	id: string,
	startsAt: string,
	status: Booking['status'] = 'confirmed'
): Booking => ({
	id,
	engagementId: `e-${id}`,
	startsAt,
	endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
	timeZone: 'UTC',
	kind: 'video',
	status,
	sequence: 0,
	coach: { id: 'c', name: 'Carla' },
	client: { id: `u-${id}`, name: `Client ${id}`, phone: null }
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('CoachAgenda', () => {
	it('lists bookings across clients by day and upcoming, without cancelled ones', async () => {
		const bookings = [
			booking('a', '2026-03-04T10:00:00Z'),
			booking('b', '2026-03-02T08:00:00Z'),
			booking('c', '2026-03-04T12:00:00Z', 'cancelled')
		];
		const urls: string[] = [];
		vi.stubGlobal(
			'fetch',
			vi.fn(async (url: string) => {
				urls.push(url);
				return new Response(JSON.stringify({ bookings }));
			})
		);
		const agenda = new CoachAgenda({ userId: 'c', zone: 'UTC' });
		await agenda.step(1);
		expect(urls).toHaveLength(1);
		await agenda.today();
		expect(urls).toHaveLength(2);
		const now = Date.parse('2026-03-02T08:30:00Z');
		// Ongoing (started 30 minutes ago) and upcoming, soonest first.
		expect(agenda.upcoming(now).map((i) => [i.id, i.withName])).toEqual([
			['b', 'Client b'],
			['a', 'Client a']
		]);
		expect(agenda.upcoming(Date.parse('2026-03-02T09:00:00Z')).map((i) => i.id)).toEqual(['a']);
		expect(agenda.items.map((i) => i.id)).not.toContain('c');
	});

	it('asks the server for the view and the upcoming window at once', async () => {
		const fetch = vi.fn(async (_url: string) => new Response(JSON.stringify({ bookings: [] })));
		vi.stubGlobal('fetch', fetch);
		const agenda = new CoachAgenda({ userId: 'c', zone: 'UTC' });
		const now = Date.parse('2026-03-04T12:00:00Z');
		await agenda.load(now);
		const url = new URL(String(fetch.mock.calls[0]![0]), 'http://x');
		const from = Date.parse(url.searchParams.get('from')!);
		const to = Date.parse(url.searchParams.get('to')!);
		expect(from).toBeLessThanOrEqual(now - 8 * 3_600_000);
		expect(to - now).toBeGreaterThanOrEqual(90 * 86_400_000);
	});
});
