import { describe, expect, it } from 'vitest';
import { PeerIdRegistry } from './peer-id-registry';

const HOUR = 60 * 60 * 1000;

function registry(maxPerUser = 16) {
	let time = 1_000_000;
	const ids = new PeerIdRegistry({
		policy: { unusedTtlMs: HOUR, maxPerUser },
		now: () => time
	});
	return { ids, advance: (ms: number) => void (time += ms) };
}

const alice = { userId: 'alice', sessionId: 's1' };

describe('PeerIdRegistry', () => {
	it('issues distinct ids that PeerJS accepts, each bound to its owner', () => {
		const { ids } = registry();
		const a = ids.issue(alice).peerId;
		const b = ids.issue(alice).peerId;
		expect(a).not.toBe(b);
		// PeerJS's own id rule: alphanumerics, with - _ or space only in the middle.
		expect(a).toMatch(/^[A-Za-z0-9]+$/);
		expect(ids.ownerOf(a)).toEqual(alice);
		expect(ids.ownerOf('made-up')).toBeNull();
	});

	it('expires an id nobody connects with after an hour, but not while it is in use', () => {
		const { ids, advance } = registry();
		const unused = ids.issue(alice).peerId;
		const used = ids.issue(alice).peerId;
		ids.connected(used);
		advance(HOUR);
		expect(ids.ownerOf(unused)).toBeNull();
		expect(ids.ownerOf(used)).toEqual(alice);
		expect(ids.disconnected(used)).toBe(0);
		advance(HOUR - 1);
		expect(ids.ownerOf(used)).toEqual(alice);
		advance(1);
		expect(ids.ownerOf(used)).toBeNull();
		expect(ids.sweep().sort()).toEqual([unused, used].sort());
		expect(ids.size).toBe(0);
	});

	it('drops every id of revoked sessions and keeps the others', () => {
		const { ids } = registry();
		const a = ids.issue(alice).peerId;
		const b = ids.issue({ userId: 'alice', sessionId: 's2' }).peerId;
		expect(ids.revokeSessions(['s1'])).toEqual([a]);
		expect(ids.ownerOf(a)).toBeNull();
		expect(ids.ownerOf(b)).not.toBeNull();
	});

	it('bounds the ids one user holds by dropping the oldest idle one', () => {
		const { ids, advance } = registry(2);
		const first = ids.issue(alice).peerId;
		advance(1);
		const second = ids.issue(alice).peerId;
		ids.connected(first);
		advance(1);
		const third = ids.issue(alice).peerId;
		expect(ids.ownerOf(first)).toEqual(alice);
		expect(ids.ownerOf(second)).toBeNull();
		expect(ids.ownerOf(third)).toEqual(alice);
		// Another user's ids are not counted against alice.
		expect(ids.ownerOf(ids.issue({ userId: 'bob', sessionId: 's3' }).peerId)).not.toBeNull();
	});
});
