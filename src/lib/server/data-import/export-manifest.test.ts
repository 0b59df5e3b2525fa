import { describe, expect, it } from 'vitest';
import { MAX_FORMER_IDS, parseManifest } from './export-manifest';

/** A version 2 manifest of one engagement whose sides carry `formerIds` as given. */
function manifest(former: { coach?: unknown; client?: unknown }, version: unknown = 2) {
	return {
		format: 'tandem-export',
		version,
		user: { id: 'u-b', name: 'Cora', email: 'cora@example.com', role: 'coach' },
		coachDoc: null,
		engagements: [
			{
				id: 'e1',
				status: 'active',
				coach: { id: 'u-b', name: 'Cora', formerIds: former.coach },
				client: { id: 'c-b', name: 'Ada', email: 'ada@example.com', formerIds: former.client },
				docs: { shared: 'clients/ada/eng.yjs', subscription: 'clients/ada/sub.yjs' }
			}
		]
	};
}

const earlierIds = (value: unknown) => {
	const parsed = parseManifest(value);
	return parsed.ok ? parsed.value.engagements[0]!.earlierIds : parsed.error.message;
};

describe('parseManifest: identity aliases (format version 2)', () => {
	it("reads each side's formerIds as the engagement's earlier ids", () => {
		expect(earlierIds(manifest({ coach: ['u-a'], client: ['c-a', 'c-0'] }))).toEqual({
			coach: ['u-a'],
			client: ['c-a', 'c-0']
		});
	});

	it('reads a version 1 manifest, which has none, as having no earlier ids', () => {
		const old = manifest({}, 1);
		expect(earlierIds(old)).toEqual({ coach: [], client: [] });
		const parsed = parseManifest(old);
		expect(parsed.ok && parsed.value.engagements[0]!.sourceIds).toEqual({
			coach: 'u-b',
			client: 'c-b'
		});
	});

	it('treats a missing formerIds (and a missing coach) as none', () => {
		const noCoach = manifest({ client: ['c-a'] });
		delete (noCoach.engagements[0] as { coach?: unknown }).coach;
		expect(earlierIds(noCoach)).toEqual({ coach: [], client: ['c-a'] });
	});

	it.each([
		['not a list', { coach: 'u-a' }],
		['a number in the list', { client: ['c-a', 7] }],
		['an empty id', { client: [''] }],
		['an id over 128 characters', { coach: ['x'.repeat(129)] }],
		['too many ids', { coach: Array.from({ length: MAX_FORMER_IDS + 1 }, (_, i) => `u${i}`) }]
	])('refuses formerIds that are %s', (_label, former) => {
		expect(earlierIds(manifest(former))).toMatch(/"formerIds" must be a list of at most 50 ids/);
	});

	it('accepts exactly the most ids it allows', () => {
		const most = Array.from({ length: MAX_FORMER_IDS }, (_, i) => `u${i}`);
		expect(earlierIds(manifest({ coach: most }))).toEqual({ coach: most, client: [] });
	});
});
