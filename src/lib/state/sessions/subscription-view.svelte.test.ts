import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../../tests/factories/actors';
import { observe } from '../../../../tests/factories/observe.svelte';
import * as sub from '../../docs/subscription-doc';
import { SubscriptionView } from './subscription-view.svelte';

const pkg = {
	name: 'Career sprint',
	sessionsTotal: 4,
	sessionMinutes: 50,
	priceCents: 48_000,
	currency: 'EUR',
	noShowConsumesSession: true
};

describe('SubscriptionView', () => {
	it('follows package and ledger changes, whoever writes them', () => {
		const doc = new Y.Doc();
		sub.migrate(doc);
		const coach = buildActor('coach');
		const view = new SubscriptionView(doc);
		const seen = observe(() => ({
			name: view.package?.name ?? null,
			used: view.usage.used,
			remaining: view.usage.remaining
		}));
		expect(seen.values.at(-1)).toEqual({ name: null, used: 0, remaining: 0 });

		sub.setPackage(doc, coach, pkg);
		flushSync();
		expect(seen.values.at(-1)).toEqual({ name: 'Career sprint', used: 0, remaining: 4 });

		const startedAt = Date.UTC(2026, 2, 2, 9);
		sub.recordSession(doc, coach, { kind: 'video', startedAt, outcome: 'completed' });
		sub.recordSession(doc, coach, { kind: 'video', startedAt: startedAt + 1, outcome: 'no-show' });
		sub.recordSession(doc, coach, {
			kind: 'video',
			startedAt: startedAt + 2,
			outcome: 'technical-failure'
		});
		flushSync();
		// A no-show counts under this package's terms; a technical failure never does.
		expect(seen.values.at(-1)).toEqual({ name: 'Career sprint', used: 2, remaining: 2 });
		seen.stop();
	});

	it('reads a document that already has a package (opened offline from this device)', () => {
		const doc = new Y.Doc();
		sub.migrate(doc);
		sub.setPackage(doc, buildActor('coach'), pkg);
		const view = new SubscriptionView(doc);
		expect(view.package?.sessionsTotal).toBe(4);
		expect(view.usage).toMatchObject({ total: 4, used: 0, remaining: 4 });
	});
});

const ledgerPkg = {
	name: 'Four talks',
	sessionsTotal: 4,
	sessionMinutes: 45,
	priceCents: 20_000,
	currency: 'EUR',
	noShowConsumesSession: false
};

describe('SubscriptionView: the ledger', () => {
	it('the coach records and corrects; rows and remaining follow, with history', () => {
		const doc = new Y.Doc();
		sub.migrate(doc);
		const coach = buildActor('coach');
		sub.setPackage(doc, coach, ledgerPkg);
		const ledger = new SubscriptionView(doc, { actor: coach });
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
		const reader = new SubscriptionView(doc);
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
		const ledger = new SubscriptionView(doc, {
			actor: buildActor('coach'),
			report: (kind, eventId) => reports.push([kind, eventId])
		});
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
