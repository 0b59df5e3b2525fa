import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngagementSummary } from '../../api/engagements';
import { loadEngagements } from '../../local/engagement-cache';
import { Engagements } from './engagements.svelte';

function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, value)
	};
}

beforeEach(() => {
	vi.stubGlobal('localStorage', memoryStorage());
});
afterEach(() => {
	vi.unstubAllGlobals();
});

const engagement = (id: string, formerIds: string[] = []): EngagementSummary => ({
	id,
	status: 'active',
	coach: { id: 'coach', name: 'Cora', formerIds: ['coach-old'] },
	client: { id: 'ada', name: 'Ada', email: 'ada@example.com', formerIds },
	docs: { shared: `eng:${id}`, subscription: `sub:${id}` }
});

/** A fetch that answers GET /api/engagements with `engagements`, or fails like a lost network. */
const serverWith = (engagements: EngagementSummary[] | 'offline') =>
	(async () => {
		if (engagements === 'offline') {
			throw new TypeError('Failed to fetch');
		}
		return new Response(JSON.stringify({ engagements }), { status: 200 });
	}) as typeof fetch;

describe('Engagements (the device list)', () => {
	it('keeps an engagement the server dropped as closed, local-only, saved for the next start', async () => {
		const list = new Engagements('ada');
		await list.refresh(serverWith([engagement('e1'), engagement('e2')]));
		await list.refresh(serverWith([engagement('e2')]));
		expect(list.all.map((e) => [e.id, e.status])).toEqual([
			['e2', 'active'],
			['e1', 'closed']
		]);
		expect(list.isLocalOnly('eng:e1')).toBe(true);
		expect(list.isLocalOnly('sub:e1')).toBe(true);
		expect(list.isLocalOnly('eng:e2')).toBe(false);
		// Offline refreshes change nothing; a new tab starts from the saved list.
		await list.refresh(serverWith('offline'));
		expect(new Engagements('ada').byId('e1')?.status).toBe('closed');
	});

	it('remove() forgets a closed engagement here and in the saved list', async () => {
		const list = new Engagements('ada');
		await list.refresh(serverWith([engagement('e1')]));
		await list.refresh(serverWith([]));
		list.remove('e1');
		expect(list.all).toEqual([]);
		expect(loadEngagements('ada')?.engagements).toEqual([]);
		await list.refresh(serverWith([]));
		expect(list.all).toEqual([]);
	});

	it("gives the signed-in user's own former ids per engagement", async () => {
		const asClient = new Engagements('ada');
		await asClient.refresh(serverWith([engagement('e1', ['ada-old'])]));
		expect(asClient.myFormerIds('e1')).toEqual(['ada-old']);
		expect(asClient.myFormerIds('unknown')).toEqual([]);
		const asCoach = new Engagements('coach');
		await asCoach.refresh(serverWith([engagement('e1', ['ada-old'])]));
		expect(asCoach.myFormerIds('e1')).toEqual(['coach-old']);
	});
});
