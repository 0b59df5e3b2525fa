import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as eng from '../../docs/engagement-doc';
import type { NotificationKind } from '../../domain/notification-kinds';
import { MemoryDocStorage } from '../../local/doc-persistence.testing';
import { DocRegistry } from '../../local/doc-registry';
import { SyncHub } from '../../sync/transport.testing';
import { EngagementView } from './engagement-view.svelte';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanups.splice(0)) {
		await fn();
	}
});

async function setup() {
	const hub = new SyncHub({ latencyMs: 5 });
	const registry = new DocRegistry({
		userId: 'u1',
		persistence: new MemoryDocStorage().open,
		transport: hub.connect,
		migrate: (_name, doc) => void eng.migrate(doc)
	});
	cleanups.push(() => registry.destroy());
	const handle = registry.open('eng:e1');
	await handle.whenLoaded;
	const reported: [NotificationKind, string][] = [];
	const view = new EngagementView(handle.doc, 'u1', {
		docName: 'eng:e1',
		confirmations: registry,
		report: (kind, eventId) => reported.push([kind, eventId])
	});
	// What a template does: read the getter inside an effect.
	const pending: string[][] = [];
	cleanups.push(
		$effect.root(() => {
			$effect(() => {
				pending.push([...view.pendingMessageIds]);
			});
		})
	);
	flushSync();
	return { hub, view, reported, pending };
}

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 400 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
		flushSync();
	}
	expect(condition()).toBe(true);
}

describe('EngagementView', () => {
	it('marks a message sent offline as pending until the server holds it', async () => {
		const { hub, view, pending } = await setup();
		await until(() => hub.serverDoc('eng:e1').getMap('meta').size > 0);
		hub.setOnline(false);
		const sent = view.send('Hello offline');
		if (!sent.ok) {
			throw new Error(sent.message);
		}
		flushSync();
		expect(pending.at(-1)).toEqual([sent.value]);
		hub.setOnline(true);
		await until(() => pending.at(-1)?.length === 0);
		expect(eng.listMessages(hub.serverDoc('eng:e1')).map((m) => m.text)).toEqual(['Hello offline']);
	});

	it('reports a sent message and a completed goal, not a reopened one', async () => {
		const { view, reported } = await setup();
		const sent = view.send('Hi');
		const goal = view.addGoal({ title: 'Run 5 km', description: 'Twice a week' });
		if (!sent.ok || !goal.ok) {
			throw new Error('write failed');
		}
		view.setGoalDone(goal.value, true);
		const completedAt = view.goals[0]?.completedAt;
		view.setGoalDone(goal.value, false);
		expect(view.goals[0]?.description).toBe('Twice a week');
		expect(reported).toEqual([
			['message', `message:${sent.value}`],
			['goal-completed', `goal:${goal.value}:completed:${completedAt}`]
		]);
	});

	it('refused writes report nothing', async () => {
		const { view, reported } = await setup();
		expect(view.send('   ').ok).toBe(false);
		expect(view.setGoalDone('missing', true).ok).toBe(false);
		expect(reported).toEqual([]);
	});
});
