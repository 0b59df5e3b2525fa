import * as Y from 'yjs';
import type { PublicUser } from '../../domain/account';
import { createActor } from '../../docs/actor';
import * as coachDoc from '../../docs/coach-doc';
import { serverOrigin } from '../../docs/origin';
import { coachDocName, engagementDocs } from '../../sync/protocol';
import type { Db } from '../db';
import { DocWriterUnavailableError, type DocWriter } from '../doc-writer';
import { err, ok, type Result } from '../errors';
import type { EngagementStore } from '../memberships/engagement-store';
import type { InviteService } from '../memberships/invite-service';
import type { ExportArchive, ImportLimits } from './read-export-zip';
import { readExportZip } from './read-export-zip';
import type { ManifestEngagement } from './export-manifest';
import type { ImportMappingStore } from './import-mapping-store';

/** What became of one engagement of the export. */
export interface ImportedEngagement {
	sourceId: string;
	engagementId: string | null;
	email: string;
	/**
	 * pending: a new invitation was sent; existing: imported before (or already this coach's
	 * client), nothing new created; ended: kept as an ended record, nobody emailed; failed: see
	 * `message` (e.g. packages cannot be assigned right now).
	 */
	status: 'pending' | 'existing' | 'ended' | 'failed';
	message?: string;
}

export interface ImportReport {
	engagements: ImportedEngagement[];
	/** Private notes whose engagement id was pointed at the new engagement. */
	remappedNotes: number;
}

export interface ImportServiceDeps {
	db: Db;
	engagements: EngagementStore;
	invites: Pick<InviteService, 'create'>;
	mappings: ImportMappingStore;
	docWriter: DocWriter;
	limits?: ImportLimits;
}

/**
 * Imports a coach's export (docs/own-your-data.md): each engagement becomes a pending invite to
 * the same client email (an ended one an ended record), and every document is restored from its
 * .yjs state. Idempotent: a mapping row per source engagement means a second import creates
 * nothing, and re-applying Yjs state that is already there changes nothing.
 */
export class ImportService {
	#d: ImportServiceDeps;
	// One import per coach at a time: two concurrent uploads would both miss the mapping row.
	#running = new Map<string, Promise<unknown>>();

	constructor(deps: ImportServiceDeps) {
		this.#d = deps;
	}

	async import(coach: PublicUser, zip: Uint8Array, origin: string): Promise<Result<ImportReport>> {
		const previous = this.#running.get(coach.id) ?? Promise.resolve();
		const run = previous.then(() => this.#import(coach, zip, origin));
		this.#running.set(
			coach.id,
			run.catch(() => undefined)
		);
		try {
			return await run;
		} catch (error) {
			if (error instanceof DocWriterUnavailableError) {
				return err('unavailable', 'The document server is not running; try the import again.');
			}
			throw error;
		}
	}

	async #import(coach: PublicUser, zip: Uint8Array, origin: string): Promise<Result<ImportReport>> {
		const archive = readExportZip(zip, this.#d.limits);
		if (!archive.ok) {
			return archive;
		}
		const checked = checkArchive(archive.value);
		if (!checked.ok) {
			return checked;
		}
		const engagements: ImportedEngagement[] = [];
		for (const source of archive.value.manifest.engagements) {
			const result = await this.#engagement(coach, source, origin);
			engagements.push(result);
			if (result.engagementId) {
				await this.#restore(
					engagementDocs(result.engagementId).shared,
					archive.value.docs.get(source.docs.shared)
				);
				await this.#restore(
					engagementDocs(result.engagementId).subscription,
					archive.value.docs.get(source.docs.subscription)
				);
			}
		}
		const remappedNotes = await this.#restoreCoachDoc(coach, archive.value, engagements);
		return ok({ engagements, remappedNotes });
	}

	/** Finds or creates the engagement a source engagement maps to. */
	async #engagement(
		coach: PublicUser,
		source: ManifestEngagement,
		origin: string
	): Promise<ImportedEngagement> {
		const base = { sourceId: source.id, email: source.client.email };
		const { mappings, engagements, db } = this.#d;
		const mapped = mappings.find(coach.id, source.id);
		if (mapped) {
			this.#record(coach, source, mapped);
			return { ...base, engagementId: mapped, status: 'existing' };
		}
		if (source.status === 'ended') {
			// A past client: keep the record and its documents, but do not invite them again.
			const engagementId = db.transaction(() => {
				const id = engagements.createPending({
					coachId: coach.id,
					...source.client,
					clientType: null,
					packageId: null
				});
				engagements.end(id);
				this.#record(coach, source, id);
				return id;
			})();
			return { ...base, engagementId, status: 'ended' };
		}
		const active = engagements
			.forCoach(coach.id)
			.find((e) => e.status === 'active' && e.clientEmail === source.client.email);
		if (active) {
			this.#record(coach, source, active.id);
			return { ...base, engagementId: active.id, status: 'existing' };
		}
		const input = { ...source.client, clientType: null, message: null, packageId: null };
		const invite = await this.#d.invites.create(coach, input, origin);
		if (!invite.ok) {
			return { ...base, engagementId: null, status: 'failed', message: invite.error.message };
		}
		// A crash between the invite and this row is harmless: importing again re-sends the
		// still-open invite to the same email (InviteService reuses it) and records it then.
		this.#record(coach, source, invite.value.engagementId);
		return { ...base, engagementId: invite.value.engagementId, status: 'pending' };
	}

	/** Remembers what `source` became, with every id its history may name (the aliases). */
	#record(coach: PublicUser, source: ManifestEngagement, engagementId: string): void {
		this.#d.mappings.record(coach.id, source.id, engagementId, source.sourceIds, source.earlierIds);
	}

	async #restore(docName: string, state: Uint8Array | undefined): Promise<void> {
		if (state && state.byteLength > 0) {
			await this.#d.docWriter.withDoc(docName, (doc) => Y.applyUpdate(doc, state));
		}
	}

	/** The coach's private document, with its notes moved from old engagement ids to new ones. */
	async #restoreCoachDoc(
		coach: PublicUser,
		archive: ExportArchive,
		imported: ImportedEngagement[]
	): Promise<number> {
		const state = archive.manifest.coachDoc
			? archive.docs.get(archive.manifest.coachDoc)
			: undefined;
		if (!state) {
			return 0;
		}
		const mapping = new Map<string, string>();
		for (const e of imported) {
			if (e.engagementId) {
				mapping.set(e.sourceId, e.engagementId);
			}
		}
		const actor = createActor({ userId: coach.id, origin: serverOrigin('import') });
		return this.#d.docWriter.withDoc(coachDocName(coach.id), (doc) => {
			Y.applyUpdate(doc, state);
			return coachDoc.remapPrivateNoteEngagements(doc, actor, mapping);
		});
	}
}

/**
 * Refuses what cannot be imported before anything is created: a client's export, and document
 * files that are not Yjs updates (applying one inside the sync server's write would fail halfway).
 */
function checkArchive(archive: ExportArchive): Result<null> {
	if (archive.manifest.user.role !== 'coach') {
		return err(
			'invalid-input',
			"This is a client's export; only a coach's export can be imported."
		);
	}
	for (const [path, bytes] of archive.docs) {
		const probe = new Y.Doc();
		try {
			Y.applyUpdate(probe, bytes);
		} catch {
			return err('invalid-input', `${path} is not a valid Yjs document state.`);
		} finally {
			probe.destroy();
		}
	}
	return ok(null);
}
