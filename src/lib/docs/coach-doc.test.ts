import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../tests/factories/actors';
import * as coachDoc from './coach-doc';

function openDoc(): Y.Doc {
	const doc = new Y.Doc();
	coachDoc.migrate(doc);
	return doc;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) {
		throw new Error(result.message);
	}
	return result.value;
}

const PHOTO = 'data:image/png;base64,iVBORw0KGgo=';

describe('private notes', () => {
	it('keeps notes per engagement, marked private', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const a = unwrap(
			coachDoc.createPrivateNote(doc, coach, {
				engagementId: 'e1',
				title: 'Intake',
				text: 'Goals: sleep'
			})
		);
		unwrap(coachDoc.createPrivateNote(doc, coach, { engagementId: 'e2', title: 'Other' }));
		expect(coachDoc.listPrivateNotes(doc, 'e1')).toEqual([
			expect.objectContaining({
				id: a,
				engagementId: 'e1',
				visibility: 'private',
				bodyText: 'Goals: sleep'
			})
		]);
		expect(coachDoc.privateNoteBody(doc, a)).toBeInstanceOf(Y.XmlFragment);
		expect(coachDoc.createPrivateNote(doc, coach, { engagementId: '', title: 'x' }).ok).toBe(false);
	});

	it('setPrivateNote creates, then updates title and text together', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const id = unwrap(
			coachDoc.setPrivateNote(doc, coach, { engagementId: 'e1', title: 'One', text: 'a' })
		);
		let updates = 0;
		const off = coachDoc.onChange(doc, () => updates++);
		unwrap(
			coachDoc.setPrivateNote(doc, coach, {
				engagementId: 'e1',
				noteId: id,
				title: 'Two',
				text: 'b\nc'
			})
		);
		off();
		expect(updates).toBe(1);
		expect(coachDoc.getPrivateNote(doc, id)).toMatchObject({ title: 'Two', bodyText: 'b\nc' });
		expect(
			coachDoc.setPrivateNote(doc, coach, {
				engagementId: 'e1',
				noteId: 'nope',
				title: 'x',
				text: ''
			})
		).toMatchObject({ error: 'not-found' });
		unwrap(
			coachDoc.editPrivateNoteBody(doc, coach, {
				noteId: id,
				edit: { op: 'insert-text', paragraph: 1, offset: 1, text: '!' }
			})
		);
		unwrap(coachDoc.renamePrivateNote(doc, coach, { noteId: id, title: 'Three' }));
		expect(coachDoc.getPrivateNote(doc, id)).toMatchObject({ title: 'Three', bodyText: 'b\nc!' });
		unwrap(coachDoc.deletePrivateNote(doc, coach, { noteId: id }));
		expect(coachDoc.listPrivateNotes(doc, 'e1')).toEqual([]);
	});

	it('two offline devices adding the first note for one client both keep theirs', () => {
		const laptop = openDoc();
		const phone = openDoc();
		unwrap(
			coachDoc.createPrivateNote(laptop, buildActor('coach', { newId: () => 'n1' }), {
				engagementId: 'e1',
				title: 'Laptop'
			})
		);
		unwrap(
			coachDoc.createPrivateNote(phone, buildActor('coach', { newId: () => 'n2' }), {
				engagementId: 'e1',
				title: 'Phone'
			})
		);
		Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
		const titles = (doc: Y.Doc) =>
			coachDoc
				.listPrivateNotes(doc, 'e1')
				.map((n) => n.title)
				.sort();
		expect(titles(laptop)).toEqual(['Laptop', 'Phone']);
		expect(titles(phone)).toEqual(['Laptop', 'Phone']);
	});
});

describe('greeting and profile', () => {
	it('sets and reads the greeting', () => {
		const doc = openDoc();
		expect(coachDoc.readGreeting(doc)).toBeNull();
		unwrap(
			coachDoc.setGreeting(doc, buildActor('coach', { now: () => 9 }), { text: ' Welcome! ' })
		);
		expect(coachDoc.readGreeting(doc)).toEqual({ text: 'Welcome!', updatedAt: 9 });
		expect(coachDoc.setGreeting(doc, buildActor('coach'), { text: 'x'.repeat(2_001) }).ok).toBe(
			false
		);
	});

	it('sets and reads the profile, validating links and photo', () => {
		const doc = openDoc();
		const coach = buildActor('coach', { now: () => 3 });
		const profile = {
			name: 'Ada Coach',
			bio: 'Runner.',
			links: [{ label: 'Site', url: 'https://ada.example' }],
			photo: PHOTO
		};
		unwrap(coachDoc.setProfile(doc, coach, profile));
		expect(coachDoc.readProfile(doc)).toEqual({ ...profile, updatedAt: 3 });
		expect(
			coachDoc.setProfile(doc, coach, { ...profile, photo: 'data:text/html;base64,AA==' }).ok
		).toBe(false);
		expect(
			coachDoc.setProfile(doc, coach, {
				...profile,
				photo: `data:image/png;base64,${'A'.repeat(70_000)}`
			}).ok
		).toBe(false);
		expect(
			coachDoc.setProfile(doc, coach, {
				...profile,
				links: [{ label: 'x', url: 'javascript:alert(1)' }]
			}).ok
		).toBe(false);
		expect(coachDoc.setProfile(doc, coach, { ...profile, name: ' ' }).ok).toBe(false);
		expect(doc.getMap('profile').toJSON()).toMatchObject({
			name: 'Ada Coach',
			links: profile.links
		});
	});

	it('migrates idempotently', () => {
		const doc = new Y.Doc();
		expect(coachDoc.migrate(doc)).toMatchObject({ from: 0, to: coachDoc.SCHEMA_VERSION });
		expect(coachDoc.migrate(doc)).toMatchObject({ from: coachDoc.SCHEMA_VERSION });
	});
});
