import { describe, expect, it } from 'vitest';
import type { PublicUser } from '../../domain/account';
import type { EngagementSummary } from '../../api/engagements';
import { exportPlan } from './export-plan';

const coach: PublicUser = { id: 'c1', name: 'Cora', email: 'cora@example.test', role: 'coach' };

describe('exportPlan', () => {
	it('builds a plan the export worker can receive from reactive engagement lists', () => {
		// The app keeps engagements in $state: proxies that postMessage cannot clone.
		const engagements: EngagementSummary[] = $state([
			{
				id: 'e1',
				status: 'active',
				coach: { id: 'c1', name: 'Cora', formerIds: ['old-c1'] },
				client: { id: 'k1', name: 'Kim', email: 'kim@example.test', formerIds: ['old-k1'] },
				docs: { shared: 'eng:e1', subscription: 'sub:e1' }
			}
		]);
		const plan = exportPlan(coach, engagements, new Date('2026-11-22T00:00:00Z'));
		const cloned = structuredClone(plan);
		expect(cloned.engagements[0]).toMatchObject({
			coach: { id: 'c1', formerIds: ['old-c1'] },
			client: { id: 'k1', formerIds: ['old-k1'] }
		});
	});
});
