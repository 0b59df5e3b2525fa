import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildExport, type ExportManifest } from './build-export';
import { ExportSession } from './export-session';
import { sampleInput, samplePractice } from './export-sample.testing';
import type { FromExportWorker } from './worker-protocol';

async function runSession(input: ReturnType<typeof sampleInput>) {
	const messages: FromExportWorker[] = [];
	const session = new ExportSession((message) => messages.push(message));
	const { states, coachState, ...plan } = input;
	session.handle({ type: 'start', plan, coachState: coachState ?? null });
	for (const engagement of plan.engagements) {
		const engagementStates = states.get(engagement.id) ?? { shared: null, subscription: null };
		session.handle({ type: 'engagement', id: engagement.id, states: engagementStates });
	}
	session.handle({ type: 'finish' });
	const done = messages.find((m) => m.type === 'done');
	if (done?.type !== 'done') {
		throw new Error(`no zip: ${JSON.stringify(messages)}`);
	}
	return { messages, files: unzipSync(new Uint8Array(await done.zip.arrayBuffer())), done };
}

describe('ExportSession (the worker)', () => {
	it('zips exactly what the builder builds, and the listing matches the manifest', async () => {
		const practice = samplePractice();
		const input = sampleInput(practice, practice.coach);
		const { files, done } = await runSession(input);
		const expected = buildExport(input);
		expect(Object.keys(files).sort()).toEqual(expected.map((e) => e.path).sort());
		for (const entry of expected) {
			expect(files[entry.path], entry.path).toEqual(entry.data);
		}
		const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ExportManifest;
		expect(manifest.files.map((f) => f.path).sort()).toEqual(
			Object.keys(files)
				.filter((path) => path !== 'manifest.json')
				.sort()
		);
		expect(done.files).toBe(expected.length);
	});

	it('reports progress once per engagement plus the coach document', async () => {
		const practice = samplePractice();
		const { messages } = await runSession(sampleInput(practice, practice.coach));
		expect(messages.filter((m) => m.type === 'progress')).toEqual([
			{ type: 'progress', done: 1, total: 3 },
			{ type: 'progress', done: 2, total: 3 },
			{ type: 'progress', done: 3, total: 3 }
		]);
	});

	it('reports a failure as a message instead of throwing', () => {
		const messages: FromExportWorker[] = [];
		new ExportSession((message) => messages.push(message)).handle({ type: 'finish' });
		expect(messages).toEqual([{ type: 'failed', message: 'The export was not started.' }]);
	});
});
