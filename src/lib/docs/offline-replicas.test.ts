import { describe, expect, it } from 'vitest';
import { buildActor } from '../../../tests/factories/actors';
import { createRng, YjsHarness } from '../../../tests/helpers/yjs-harness';
import * as eng from './engagement-doc';
import { topLevelJson } from './top-level';

const describeDoc = (doc: Parameters<typeof eng.listMessages>[0]) =>
	topLevelJson(doc, eng.TOP_LEVEL);

describe('replicas going offline', () => {
	it('edits made offline survive an app restart and reach the other device on reconnect', async () => {
		const harness = await YjsHarness.create({
			peers: 2,
			rng: createRng(7),
			name: 'offline-restart',
			prepare: (doc) => eng.migrate(doc)
		});
		try {
			const coachDevice = harness.peers[0]!;
			const clientDevice = harness.peers[1]!;
			harness.disconnect(clientDevice);
			const queuedBefore = harness.pendingMessages;
			const sent = eng.sendMessage(clientDevice.doc, buildActor('client'), { text: 'offline hi' });
			expect(sent.ok).toBe(true);
			// Nothing is sent while offline.
			expect(harness.pendingMessages).toBe(queuedBefore);
			await harness.restart(clientDevice);
			expect(clientDevice.isConnected).toBe(false);
			expect(eng.listMessages(clientDevice.doc).map((m) => m.text)).toEqual(['offline hi']);
			expect(eng.listMessages(coachDevice.doc)).toEqual([]);
			harness.reconnect(clientDevice);
			harness.deliver(10);
			expect(eng.listMessages(coachDevice.doc).map((m) => m.text)).toEqual(['offline hi']);
			await harness.converge(describeDoc);
		} finally {
			await harness.destroy();
		}
	});

	it('a compacted replica keeps its data and keeps syncing', async () => {
		let checks = 0;
		const harness = await YjsHarness.create({
			peers: 3,
			rng: createRng(11),
			name: 'compaction',
			prepare: (doc) => eng.migrate(doc),
			afterConverge: [() => void checks++]
		});
		try {
			const a = harness.peers[0]!;
			const b = harness.peers[1]!;
			eng.createNote(a.doc, buildActor('coach'), { title: 'Plan', text: 'one' });
			harness.deliver(5);
			await harness.compact(b);
			eng.sendMessage(b.doc, buildActor('client'), { text: 'after compaction' });
			await harness.converge(describeDoc);
			expect(eng.listMessages(a.doc).map((m) => m.text)).toEqual(['after compaction']);
			expect(eng.listNotes(b.doc).map((n) => n.bodyText)).toEqual(['one']);
			expect(checks).toBe(1);
		} finally {
			await harness.destroy();
		}
	});
});
