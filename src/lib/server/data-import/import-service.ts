import type { ImportedEngagement, ImportedPractice, ImportReport } from '../../api/data-import';
import { packageInputSchema } from '../../api/packages';
import { availabilitySchema } from '../../api/scheduling';
import { parseWith } from '../../api/parse';
import type { PublicUser } from '../../domain/account';
import type { Availability } from '../../domain/scheduling';
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
import type { PackageService } from '../packages/package-service';
import { parseInput } from '../parse-input';
import type { BookingService } from '../scheduling/booking-service';
import type { ManifestEngagement, ManifestPractice } from './export-manifest';
import type { ImportMappingStore } from './import-mapping-store';
import { ImportRateLimit } from './import-rate-limit';

export interface ImportServiceDeps {
	db: Db;
	engagements: EngagementStore;
	invites: Pick<InviteService, 'create'>;
	mappings: ImportMappingStore;
	docWriter: DocWriter;
	packages: Pick<PackageService, 'list' | 'create'>;
	availability: Pick<BookingService, 'availability' | 'saveAvailability'>;
	limits?: ImportLimits;
	rateLimit?: ImportRateLimit;
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

	#rateLimit: ImportRateLimit;

	constructor(deps: ImportServiceDeps) {
		this.#d = deps;
		this.#rateLimit = deps.rateLimit ?? new ImportRateLimit();
	}

	async import(coach: PublicUser, zip: Uint8Array, origin: string): Promise<Result<ImportReport>> {
		const allowed = this.#rateLimit.take(coach.id);
		if (!allowed.ok) {
			return allowed;
		}
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
		const archive = await readExportZip(zip, this.#d.limits);
		if (!archive.ok) {
			return archive;
		}
		if (archive.value.manifest.user.role !== 'coach') {
			return err(
				'invalid-input',
				"This is a client's export; only a coach's export can be imported."
			);
		}
		const practice = this.#practice(coach, archive.value.manifest.practice);
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
		return ok({ engagements, remappedNotes, practice });
	}

	/**
	 * The catalogue and availability, through the same services (and checks) as their forms.
	 * Idempotent: a package whose name is in the catalogue is skipped, and availability is only
	 * taken while this coach has no open hours of their own.
	 */
	#practice(coach: PublicUser, practice: ManifestPractice | null): ImportedPractice {
		const report: ImportedPractice = { packagesCreated: 0, availability: 'absent', problems: [] };
		if (!practice) {
			return report;
		}
		const names = new Set(this.#d.packages.list(coach).map((p) => p.name));
		for (const pkg of practice.packages) {
			const name = typeof pkg.name === 'string' ? pkg.name.trim() : '';
			if (names.has(name)) {
				continue;
			}
			const { sessionsTotal, sessionMinutes, priceCents, currency } = pkg;
			const terms = { name, sessionsTotal, sessionMinutes, priceCents, currency };
			// File input: the same schema (and rules) as a package made through the API.
			const input = parseInput(packageInputSchema, {
				...terms,
				noShowConsumesSession: pkg.noShowConsumesSession,
				selfBooking: pkg.selfBooking ?? false
			});
			const created = input.ok ? this.#d.packages.create(coach, input.value) : input;
			if (created.ok) {
				report.packagesCreated += 1;
				names.add(created.value.name);
			} else {
				report.problems.push(`Package "${name.slice(0, 80)}": ${created.error.message}`);
			}
		}
		if (practice.availability) {
			const current = this.#d.availability.availability(coach);
			const hasHours =
				Object.values(current.weekly).some((day) => day.length > 0) || current.overrides.length > 0;
			const saved = hasHours ? null : this.#saveAvailability(coach, practice.availability);
			report.availability = hasHours || !saved?.ok ? 'kept' : 'imported';
			if (saved && !saved.ok) {
				report.problems.push(`Availability: ${saved.error.message}`);
			}
		}
		return report;
	}

	/** Finds or creates the engagement a source engagement maps to. */
	/** The exported availability is read with the same schema as the availability endpoint's body. */
	#saveAvailability(coach: PublicUser, exported: unknown): Result<Availability> {
		const parsed = parseWith(availabilitySchema, exported);
		return parsed.ok
			? this.#d.availability.saveAvailability(coach, parsed.value)
			: err('invalid-input', parsed.message);
	}

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

	/**
	 * Hands a document's slices to the sync server one at a time as raw updates: each is short
	 * (the worker cut them to a few thousand structs, and no Y.Doc of the whole document is
	 * built), and other requests and sockets get their turn in between.
	 */
	async #restore(docName: string, slices: readonly Uint8Array[] | undefined): Promise<void> {
		for (const slice of slices ?? []) {
			await this.#d.docWriter.applyUpdate(docName, slice);
		}
	}

	/** The coach's private document, with its notes moved from old engagement ids to new ones. */
	async #restoreCoachDoc(
		coach: PublicUser,
		archive: ExportArchive,
		imported: ImportedEngagement[]
	): Promise<number> {
		const slices = archive.manifest.coachDoc
			? archive.docs.get(archive.manifest.coachDoc)
			: undefined;
		if (!slices) {
			return 0;
		}
		await this.#restore(coachDocName(coach.id), slices);
		const mapping = new Map<string, string>();
		for (const e of imported) {
			if (e.engagementId) {
				mapping.set(e.sourceId, e.engagementId);
			}
		}
		const actor = createActor({ userId: coach.id, origin: serverOrigin('import') });
		return this.#d.docWriter.withDoc(coachDocName(coach.id), (doc) =>
			coachDoc.remapPrivateNoteEngagements(doc, actor, mapping)
		);
	}
}
