import { describe, expect, it } from 'vitest';
import type { EngagementSummary } from '../api/engagements';
import { mergeEngagementLists, withoutEngagement, type EngagementList } from './engagement-cache';

function engagement(id: string, status: EngagementSummary['status']): EngagementSummary {
	return {
		id,
		status,
		coach: { id: 'coach', name: 'Cora' },
		client: { id: status === 'pending' ? null : 'ada', name: 'Ada', email: 'ada@example.com' },
		docs: { shared: `eng:${id}`, subscription: `sub:${id}` }
	};
}

const cached = (...engagements: EngagementSummary[]): EngagementList => ({
	engagements,
	fetchedAt: 1
});

describe('mergeEngagementLists (server list + cached list → new cached list)', () => {
	it('keeps engagements the server stopped listing as closed, after the server list', () => {
		const merged = mergeEngagementLists(
			{ engagements: [engagement('b', 'active')] },
			cached(engagement('a', 'active'), engagement('b', 'active'), engagement('c', 'ended')),
			500
		);
		expect(merged.engagements.map((e) => [e.id, e.status, e.closedAt])).toEqual([
			['b', 'active', undefined],
			['a', 'closed', 500],
			['c', 'closed', 500]
		]);
		expect(merged.fetchedAt).toBe(500);
		// Everything else about it stays as this device knew it (names, documents).
		expect(merged.engagements[1]).toMatchObject({
			coach: { name: 'Cora' },
			docs: { shared: 'eng:a' }
		});
	});

	it('keeps the first closing time and the closed status on later refreshes', () => {
		const first = mergeEngagementLists({ engagements: [] }, cached(engagement('a', 'active')), 500);
		const second = mergeEngagementLists({ engagements: [] }, first, 900);
		expect(second.engagements).toEqual([{ ...engagement('a', 'closed'), closedAt: 500 }]);
	});

	it('drops a vanished pending invitation: nothing was shared yet', () => {
		const merged = mergeEngagementLists(
			{ engagements: [] },
			cached(engagement('p', 'pending')),
			500
		);
		expect(merged.engagements).toEqual([]);
	});

	it('gives an engagement the server lists again back to the server', () => {
		const closed = { ...engagement('a', 'closed'), closedAt: 500 };
		const merged = mergeEngagementLists(
			{ engagements: [engagement('a', 'active')] },
			cached(closed),
			900
		);
		expect(merged.engagements).toEqual([engagement('a', 'active')]);
	});

	it('starts from the server list on a device with nothing cached, and keeps coachDoc', () => {
		const merged = mergeEngagementLists(
			{ engagements: [engagement('a', 'active')], coachDoc: 'coach:coach' },
			null,
			7
		);
		expect(merged).toEqual({
			engagements: [engagement('a', 'active')],
			coachDoc: 'coach:coach',
			fetchedAt: 7
		});
	});

	it('withoutEngagement removes one entry ("Remove from this device")', () => {
		const list = cached(engagement('a', 'closed'), engagement('b', 'active'));
		expect(withoutEngagement(list, 'a').engagements.map((e) => e.id)).toEqual(['b']);
	});
});
