/**
 * Builds the files of an "Export my data" zip from documents' encoded states. Pure: no DOM, no
 * IndexedDB, so it runs in the export Web Worker, in Node (import round-trip tests, the bench)
 * and anywhere else. Documents are read only through the typed schema modules.
 *
 *     const entries = buildExport({ user, exportedAt, engagements, coachState });
 *     // or, streaming one engagement at a time (the worker):
 *     const builder = new ExportBuilder({ user, exportedAt, engagements });
 *     builder.engagementEntries(id, states); builder.coachEntries(coachState); builder.manifest();
 */
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import * as Y from 'yjs';
import * as coachDoc from '../docs/coach-doc';
import * as eng from '../docs/engagement-doc';
import * as sub from '../docs/subscription-doc';
import type { Note } from '../domain/engagement';
import {
	COACH_DOC_PATH,
	EXPORT_FORMAT,
	EXPORT_VERSION,
	MANIFEST_PATH,
	type EngagementStates,
	type ExportEngagement,
	type ExportEntry,
	type ExportManifest,
	type ExportPractice,
	type ExportUser,
	type ManifestEngagement,
	type ManifestFile
} from './format';
import type { RichNode } from './markdown';
import { engagementFolder, slugify, UniqueNames } from './paths';
import { renderChat, renderGoals, renderNote, renderSessions, type Names } from './render';

export * from './format';

export interface ExportPlan {
	readonly user: ExportUser;
	/** ISO 8601 UTC. */
	readonly exportedAt: string;
	readonly engagements: readonly ExportEngagement[];
	/** The coach's catalogue and availability when they could be read (see ExportPractice). */
	readonly practice?: ExportPractice | null;
}

export interface ExportInput extends ExportPlan {
	readonly states: ReadonlyMap<string, EngagementStates>;
	/** `coach:<userId>`; ignored in a client's export (it is never theirs to see). */
	readonly coachState?: Uint8Array | null;
}

const encoder = new TextEncoder();
// What Y.encodeStateAsUpdate gives for a document nobody wrote to.
const EMPTY_DOC = Y.encodeStateAsUpdate(new Y.Doc());

/** A person's earlier ids, without repeats and never their current id. */
function formerIdsOf(person: { id: string | null; formerIds?: readonly string[] }): string[] {
	const ids = (person.formerIds ?? []).filter((id) => id.length > 0 && id !== person.id);
	return [...new Set(ids)];
}

function loadDoc(state: Uint8Array | null): Y.Doc {
	const doc = new Y.Doc();
	if (state && state.length > 0) {
		Y.applyUpdate(doc, state);
	}
	return doc;
}

function bodyOf(fragment: Y.XmlFragment | null): RichNode[] {
	// y-prosemirror's own reading of a body, schema-free so foreign nodes are kept.
	const json = fragment ? (yXmlFragmentToProsemirrorJSON(fragment) as RichNode) : null;
	return [...(json?.content ?? [])];
}

/**
 * Assigns folders up front (from the engagement list alone), then renders one engagement at a
 * time, so a large practice never needs every document in memory at once.
 */
export class ExportBuilder {
	readonly #plan: ExportPlan;
	readonly #folders = new Map<string, string>();
	readonly #files: ManifestFile[] = [];

	constructor(plan: ExportPlan) {
		this.#plan = plan;
		const unique = new UniqueNames();
		for (const engagement of plan.engagements) {
			const other = plan.user.role === 'coach' ? engagement.client : engagement.coach;
			this.#folders.set(engagement.id, unique.take(engagementFolder(other.name, engagement.id)));
		}
	}

	get isCoach(): boolean {
		return this.#plan.user.role === 'coach';
	}

	#entry(path: string, data: Uint8Array | string): ExportEntry {
		const bytes = typeof data === 'string' ? encoder.encode(data) : data;
		this.#files.push({ path, bytes: bytes.length });
		return { path, data: bytes };
	}

	#names(engagement: ExportEngagement): Names {
		const { coach, client } = engagement;
		// Former ids first, so a current id always wins: an alias only ever adds a name.
		const names = new Map<string, string>([
			...formerIdsOf(coach).map((id) => [id, coach.name] as const),
			...formerIdsOf(client).map((id) => [id, client.name] as const),
			[coach.id, coach.name]
		]);
		if (client.id !== null) {
			names.set(client.id, client.name);
		}
		return names.set(this.#plan.user.id, this.#plan.user.name);
	}

	#noteEntries(dir: string, notes: readonly { note: Note; markdown: string }[]): ExportEntry[] {
		const unique = new UniqueNames();
		return notes.map(({ note, markdown }) => {
			const name = unique.take(slugify(note.title) || 'note');
			return this.#entry(`${dir}/${name}.md`, markdown);
		});
	}

	/** chat.md, notes, goals.json, sessions.csv and both raw documents of one engagement. */
	engagementEntries(engagementId: string, states: EngagementStates): ExportEntry[] {
		const engagement = this.#plan.engagements.find((e) => e.id === engagementId);
		const folder = this.#folders.get(engagementId);
		if (!engagement || !folder) {
			return [];
		}
		const dir = `clients/${folder}`;
		const names = this.#names(engagement);
		const shared = loadDoc(states.shared);
		const subscription = loadDoc(states.subscription);
		try {
			const title = `Chat between ${engagement.coach.name} and ${engagement.client.name}`;
			const rendered = (notes: readonly Note[]) =>
				notes.map((note) => ({
					note,
					markdown: renderNote({
						note,
						body: bodyOf(eng.noteBody(shared, note.id)),
						names,
						label: 'Shared note'
					})
				}));
			return [
				this.#entry(
					`${dir}/chat.md`,
					renderChat({ title, messages: eng.listMessages(shared), names })
				),
				...this.#noteEntries(`${dir}/notes`, rendered(eng.listNotes(shared))),
				// Still restorable, so still theirs: exported apart, marked as in the trash.
				...this.#noteEntries(`${dir}/notes/trash`, rendered(eng.listTrash(shared))),
				this.#entry(`${dir}/goals.json`, renderGoals(eng.listGoals(shared), names)),
				this.#entry(`${dir}/sessions.csv`, renderSessions(sub.listSessions(subscription))),
				this.#entry(`${dir}/eng.yjs`, states.shared ?? EMPTY_DOC),
				this.#entry(`${dir}/sub.yjs`, states.subscription ?? EMPTY_DOC)
			];
		} finally {
			shared.destroy();
			subscription.destroy();
		}
	}

	/** coach.yjs and the private notes, grouped by client folder; nothing for a client. */
	coachEntries(state: Uint8Array | null | undefined): ExportEntry[] {
		if (!this.isCoach || !state) {
			return [];
		}
		const doc = loadDoc(state);
		try {
			const entries = [this.#entry(COACH_DOC_PATH, state)];
			for (const engagement of this.#plan.engagements) {
				const names = this.#names(engagement);
				const label = `Private note about ${engagement.client.name}`;
				const rendered = (notes: readonly Note[]) =>
					notes.map((note) => ({
						note,
						markdown: renderNote({
							note,
							body: bodyOf(coachDoc.privateNoteBody(doc, note.id)),
							names,
							label
						})
					}));
				const folder = this.#folders.get(engagement.id) ?? engagement.id;
				const live = coachDoc.listPrivateNotes(doc, engagement.id);
				const trash = coachDoc.listPrivateTrash(doc, engagement.id);
				entries.push(
					...this.#noteEntries(`private-notes/${folder}`, rendered(live)),
					...this.#noteEntries(`private-notes/${folder}/trash`, rendered(trash))
				);
			}
			entries.push(...this.#formerClientNotes(doc));
			return entries;
		} finally {
			doc.destroy();
		}
	}

	/**
	 * Private notes about engagements this device no longer lists (a client who left, a new
	 * device): readable too, one folder per engagement, since nobody's name is known for them.
	 */
	#formerClientNotes(doc: Y.Doc): ExportEntry[] {
		const listed = new Set(this.#plan.engagements.map((engagement) => engagement.id));
		const byEngagement = new Map<string, Note[]>();
		for (const note of coachDoc.listAllPrivateNotes(doc)) {
			const key = note.engagementId ?? 'none';
			if (!listed.has(key)) {
				byEngagement.set(key, [...(byEngagement.get(key) ?? []), note]);
			}
		}
		const names: Names = new Map([[this.#plan.user.id, this.#plan.user.name]]);
		return [...byEngagement].flatMap(([engagementId, notes]) =>
			this.#noteEntries(
				`private-notes/former-client-${slugify(engagementId) || 'unknown'}`,
				notes.map((note) => ({
					note,
					markdown: renderNote({
						note,
						body: bodyOf(coachDoc.privateNoteBody(doc, note.id)),
						names,
						label: 'Private note about a former client'
					})
				}))
			)
		);
	}

	/** The manifest, listing every file built so far: call it last. */
	manifest(): ExportEntry {
		const engagements: ManifestEngagement[] = this.#plan.engagements.map((engagement) => {
			const folder = this.#folders.get(engagement.id) ?? engagement.id;
			// Field by field: the caller's objects may carry more (profiles, photos) than the format.
			const { coach, client } = engagement;
			return {
				id: engagement.id,
				status: engagement.status,
				coach: {
					id: coach.id,
					name: coach.name,
					...(coach.email ? { email: coach.email } : {}),
					formerIds: formerIdsOf(coach)
				},
				client: {
					id: client.id,
					name: client.name,
					email: client.email,
					formerIds: formerIdsOf(client)
				},
				folder,
				docs: {
					shared: `clients/${folder}/eng.yjs`,
					subscription: `clients/${folder}/sub.yjs`
				}
			};
		});
		const hasCoachDoc = this.#files.some((file) => file.path === COACH_DOC_PATH);
		const manifest: ExportManifest = {
			format: EXPORT_FORMAT,
			version: EXPORT_VERSION,
			exportedAt: this.#plan.exportedAt,
			user: this.#plan.user,
			coachDoc: hasCoachDoc ? COACH_DOC_PATH : null,
			engagements,
			...(this.isCoach && this.#plan.practice ? { practice: this.#plan.practice } : {}),
			files: [...this.#files]
		};
		return { path: MANIFEST_PATH, data: encoder.encode(JSON.stringify(manifest, null, '\t')) };
	}
}

/** Every file of the export, manifest first. */
export function buildExport(input: ExportInput): ExportEntry[] {
	const builder = new ExportBuilder(input);
	// The same order as the worker's zip: the coach document, each engagement, the manifest.
	const entries = builder.coachEntries(input.coachState);
	for (const engagement of input.engagements) {
		const states = input.states.get(engagement.id) ?? { shared: null, subscription: null };
		entries.push(...builder.engagementEntries(engagement.id, states));
	}
	return [builder.manifest(), ...entries];
}
