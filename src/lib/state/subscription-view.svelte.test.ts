import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../tests/factories/actors';
import { observe } from '../../../tests/factories/observe.svelte';
import * as sub from '../docs/subscription-doc';
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
