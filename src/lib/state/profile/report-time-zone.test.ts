import { describe, expect, it } from 'vitest';
import { reportTimeZone, type ReportDeps } from './report-time-zone';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

/** A fetch that records the bodies it was sent and answers with `status` (or throws: offline). */
function recordingFetch(answer: number | 'offline') {
	const bodies: unknown[] = [];
	const fetch = (async (_path: string, init?: RequestInit) => {
		bodies.push(JSON.parse(String(init?.body)));
		if (answer === 'offline') {
			throw new TypeError('Failed to fetch');
		}
		return new Response('{}', { status: answer });
	}) as typeof globalThis.fetch;
	return { fetch, bodies };
}

describe('reportTimeZone', () => {
	it('reports the zone once per session', async () => {
		const storage = memoryStorage();
		const server = recordingFetch(200);
		const deps: ReportDeps = { fetch: server.fetch, storage, zone: 'Europe/Berlin' };
		expect(await reportTimeZone(deps)).toBe(true);
		expect(await reportTimeZone(deps)).toBe(true);
		expect(server.bodies).toEqual([{ timeZone: 'Europe/Berlin' }]);
		// The browser moved zones (travel): reported again.
		expect(await reportTimeZone({ ...deps, zone: 'America/New_York' })).toBe(true);
		expect(server.bodies).toHaveLength(2);
	});

	it('offline or refused: silent, and tried again on the next load', async () => {
		const storage = memoryStorage();
		const offline = recordingFetch('offline');
		expect(await reportTimeZone({ fetch: offline.fetch, storage, zone: 'UTC' })).toBe(false);
		const refused = recordingFetch(401);
		expect(await reportTimeZone({ fetch: refused.fetch, storage, zone: 'UTC' })).toBe(false);
		const back = recordingFetch(200);
		expect(await reportTimeZone({ fetch: back.fetch, storage, zone: 'UTC' })).toBe(true);
		expect(back.bodies).toEqual([{ timeZone: 'UTC' }]);
	});
});
