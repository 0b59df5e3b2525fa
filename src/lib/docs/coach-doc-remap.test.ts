import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../tests/factories/actors';
import * as coachDoc from './coach-doc';

// One actor for the whole file: its ids are sequential, a fresh one would reuse "coach-1".
const coach = buildActor('coach');

function noteIn(doc: Y.Doc, engagementId: string, title: string): string {
	const created = coachDoc.createPrivateNote(doc, coach, { engagementId, title });
	if (!created.ok) {
		throw new Error(created.message);
	}
	return created.value;
}

describe('remapPrivateNoteEngagements (after an import)', () => {
	it('moves notes from the old engagement ids to the new ones and leaves others alone', () => {
		const doc = new Y.Doc();
		coachDoc.migrate(doc);
		const a = noteIn(doc, 'old-a', 'About A');
		const b = noteIn(doc, 'old-b', 'About B');
		const other = noteIn(doc, 'unrelated', 'Kept');
		const mapping = new Map([
			['old-a', 'new-a'],
			['old-b', 'new-b']
		]);
		const moved = coachDoc.remapPrivateNoteEngagements(doc, coach, mapping);
		expect(moved).toBe(2);
		expect(coachDoc.listPrivateNotes(doc, 'new-a').map((n) => n.id)).toEqual([a]);
		expect(coachDoc.listPrivateNotes(doc, 'new-b').map((n) => n.id)).toEqual([b]);
		expect(coachDoc.listPrivateNotes(doc, 'old-a')).toEqual([]);
		expect(coachDoc.listPrivateNotes(doc, 'unrelated').map((n) => n.id)).toEqual([other]);
	});

	it('writes nothing the second time, even after the old state is applied again', () => {
		const source = new Y.Doc();
		coachDoc.migrate(source);
		noteIn(source, 'old-a', 'About A');
		const exported = Y.encodeStateAsUpdate(source);
		const target = new Y.Doc();
		const mapping = new Map([['old-a', 'new-a']]);
		Y.applyUpdate(target, exported);
		expect(coachDoc.remapPrivateNoteEngagements(target, coach, mapping)).toBe(1);
		const updates: Uint8Array[] = [];
		target.on('update', (u: Uint8Array) => updates.push(u));
		Y.applyUpdate(target, exported);
		expect(coachDoc.remapPrivateNoteEngagements(target, coach, mapping)).toBe(0);
		expect(updates).toEqual([]);
		expect(coachDoc.listPrivateNotes(target, 'new-a')).toHaveLength(1);
	});
});
