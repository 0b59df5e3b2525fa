import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/sync/protocol';
import { PresenceGuard } from './presence-guard';
import { Refusal } from './refusal';

function update(...entries: [clientId: number, clock: number, state: unknown][]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const [clientId, clock, state] of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encoding.toUint8Array(encoder);
}

const owner = () => ({ awarenessIds: new Set<number>() });
const limits = { maxPresenceBytes: 64, maxPresenceIdsPerConnection: 2 };

describe('PresenceGuard', () => {
	it('lets the first announcer own an id and drops everyone else for it', () => {
		const guard = new PresenceGuard(limits);
		const a = owner();
		const b = owner();
		const mine = update([1, 1, { name: 'a' }]);
		expect(guard.filter(mine, a)).toBe(mine);
		expect(guard.filter(update([1, 2, { name: 'b' }]), b)).toBeNull();
		expect(guard.filter(update([1, 3, null]), b)).toBeNull();
		// Mixed: only b's own entry is kept.
		expect(guard.filter(update([1, 4, {}], [2, 1, { name: 'b' }]), b)).toEqual(
			update([2, 1, { name: 'b' }])
		);
		expect(guard.filter(update([1, 5, null]), a)).not.toBeNull();
	});

	it("lets the same user's new connection take over an id (a reconnect), nobody else", () => {
		const guard = new PresenceGuard(limits);
		const stale = { awarenessIds: new Set<number>(), userId: 'coach' };
		const fresh = { awarenessIds: new Set<number>(), userId: 'coach' };
		const other = { awarenessIds: new Set<number>(), userId: 'client' };
		guard.filter(update([1, 1, { call: 'idle' }]), stale);
		expect(guard.filter(update([1, 2, { call: 'x' }]), other)).toBeNull();
		expect(guard.filter(update([1, 2, { call: 'ringing' }]), fresh)).not.toBeNull();
		// The dead socket leaving later does not take the id with it.
		expect(guard.release(stale)).toEqual([]);
		expect([...fresh.awarenessIds]).toEqual([1]);
	});

	it('frees ids when their owner leaves', () => {
		const guard = new PresenceGuard(limits);
		const a = owner();
		guard.filter(update([1, 1, {}]), a);
		expect(guard.release(a)).toEqual([1]);
		const b = owner();
		expect(guard.filter(update([1, 2, {}]), b)).not.toBeNull();
	});

	it('refuses an oversized state and caps ids per owner', () => {
		const guard = new PresenceGuard(limits);
		const a = owner();
		expect(() => guard.filter(update([1, 1, { x: 'y'.repeat(64) }]), a)).toThrow(Refusal);
		try {
			guard.filter(update([1, 1, { x: 'y'.repeat(64) }]), a);
		} catch (error) {
			expect((error as Refusal).code).toBe(CloseCode.PresenceTooLarge);
		}
		expect(guard.filter(update([1, 1, {}], [2, 1, {}], [3, 1, {}]), a)).toEqual(
			update([1, 1, {}], [2, 1, {}])
		);
		expect([...a.awarenessIds]).toEqual([1, 2]);
	});

	it('drops removals of ids nobody owns', () => {
		const guard = new PresenceGuard(limits);
		expect(guard.filter(update([9, 3, null]), owner())).toBeNull();
	});
});
