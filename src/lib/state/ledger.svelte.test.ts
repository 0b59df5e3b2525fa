import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../tests/factories/actors';
import { observe } from '../../../tests/factories/observe.svelte';
import * as sub from '../docs/subscription-doc';
import { LedgerView } from './ledger.svelte';

const pkg = {
	name: 'Four talks',
	sessionsTotal: 4,
	sessionMinutes: 45,
	priceCents: 20_000,
	currency: 'EUR',
	noShowConsumesSession: false
};

describe('LedgerView', () => {
	it('the coach records and corrects; rows and remaining follow, with history', () => {
		const doc = new Y.Doc();
		sub.migrate(doc);
		const coach = buildActor('coach');
		sub.setPackage(doc, coach, pkg);
		const ledger = new LedgerView(doc, coach);
		const seen = observe(() => ({
			remaining: ledger.usage.remaining,
			rows: ledger.rows.map((row) => [row.current.outcome, row.earlier.length])
		}));
		expect(seen.values.at(-1)).toEqual({ remaining: 4, rows: [] });

		const startedAt = Date.UTC(2026, 2, 2, 9);
		const recorded = ledger.record({ kind: 'phone', startedAt, outcome: 'completed' });
		flushSync();
		expect(seen.values.at(-1)).toEqual({ remaining: 3, rows: [['completed', 0]] });

		const failure = ledger.record({
			kind: 'video',
			startedAt: startedAt + 86_400_000,
			outcome: 'technical-failure'
		});
		expect(failure.ok).toBe(true);
		flushSync();
		expect(seen.values.at(-1)!.remaining).toBe(3);

		expect(
			recorded.ok &&
				ledger.correct(recorded.value, { kind: 'phone', startedAt, outcome: 'technical-failure' })
					.ok
		).toBe(true);
		flushSync();
		expect(seen.values.at(-1)).toEqual({
			remaining: 4,
			rows: [
				['technical-failure', 0],
				['technical-failure', 1]
			]
		});
		seen.stop();
	});

	it('a reader without an actor cannot write, and sees the coach’s writes', () => {
		const doc = new Y.Doc();
		sub.migrate(doc);
		const reader = new LedgerView(doc);
		expect(reader.canWrite).toBe(false);
		expect(reader.record({ kind: 'video', startedAt: 1, outcome: 'completed' }).ok).toBe(false);
		sub.recordSession(doc, buildActor('coach'), {
			kind: 'video',
			startedAt: 1,
			outcome: 'no-show'
		});
		expect(reader.rows.map((row) => row.current.outcome)).toEqual(['no-show']);
		expect(sub.listLedger(doc)).toHaveLength(1);
	});

	it('a recorded session is reported once for the client; corrections and refusals are not', () => {
		const doc = new Y.Doc();
		sub.migrate(doc);
		const reports: [string, string][] = [];
		const ledger = new LedgerView(doc, buildActor('coach'), (kind, eventId) =>
			reports.push([kind, eventId])
		);
		const recorded = ledger.record({ kind: 'video', startedAt: 1, outcome: 'completed' });
		expect(recorded.ok).toBe(true);
		const id = recorded.ok ? recorded.value : '';
		expect(reports).toEqual([['session-recorded', `session:${id}`]]);
		expect(ledger.correct(id, { kind: 'video', startedAt: 1, outcome: 'no-show' }).ok).toBe(true);
		expect(ledger.record({ kind: 'video', startedAt: Number.NaN, outcome: 'completed' }).ok).toBe(
			false
		);
		expect(reports).toHaveLength(1);
	});
});
