/**
 * The "Export my data" zip, format version 2 (docs/export-format.md describes it for readers
 * outside this codebase). Types only, plus the constants a reader checks first.
 */
import type { Role } from '../domain/account';
import type { Availability } from '../domain/scheduling';

export const EXPORT_FORMAT = 'tandem-export';
/**
 * 2 added `formerIds` to each engagement's coach and client (identity aliases from earlier
 * imports); a version 1 manifest is a version 2 one without them, so importers read both.
 */
export const EXPORT_VERSION = 2;
export const MANIFEST_PATH = 'manifest.json';
export const COACH_DOC_PATH = 'coach.yjs';

/** One file of the zip; paths use '/' and never start with one. */
export interface ExportEntry {
	readonly path: string;
	readonly data: Uint8Array;
}

export interface ExportUser {
	readonly id: string;
	readonly name: string;
	readonly email: string;
	readonly role: Role;
}

export type EngagementStatus = 'pending' | 'active' | 'ended';

/**
 * Ids the person wrote under on servers this engagement was imported from, oldest hops
 * included (the server's `formerIds`, domain/identity.ts). Absent means none.
 */
interface Aliased {
	readonly formerIds?: readonly string[];
}

/** What the export knows about an engagement before reading its documents. */
export interface ExportEngagement {
	readonly id: string;
	readonly status: EngagementStatus;
	readonly coach: Aliased & { readonly id: string; readonly name: string; readonly email?: string };
	/** `id` is null while the invitation is pending (no client account yet). */
	readonly client: Aliased & {
		readonly id: string | null;
		readonly name: string;
		readonly email: string;
	};
}

/** The encoded states (`Y.encodeStateAsUpdate`) of one engagement's two documents. */
export interface EngagementStates {
	/** `eng:<id>`; null when this device holds no copy (exported as an empty document). */
	readonly shared: Uint8Array | null;
	/** `sub:<id>`; null likewise. */
	readonly subscription: Uint8Array | null;
}

export interface ManifestEngagement extends ExportEngagement {
	/** In the manifest `formerIds` is always written, `[]` when there are none. */
	readonly coach: ExportEngagement['coach'] & { readonly formerIds: readonly string[] };
	readonly client: ExportEngagement['client'] & { readonly formerIds: readonly string[] };
	/** The folder under `clients/` holding this engagement's files. */
	readonly folder: string;
	readonly docs: { readonly shared: string; readonly subscription: string };
}

/** A package of the coach's catalogue, as `GET /api/packages` shows it (ids are the server's own). */
export interface ExportPackage {
	readonly name: string;
	readonly sessionsTotal: number;
	readonly sessionMinutes: number;
	readonly priceCents: number;
	readonly currency: string;
	readonly noShowConsumesSession: boolean;
	readonly selfBooking: boolean;
}

/**
 * The coach's settings that live on the server rather than in a document: the package catalogue
 * and the bookable hours. Read from the API when the export runs online; absent offline.
 */
export interface ExportPractice {
	readonly packages: readonly ExportPackage[];
	readonly availability: Availability | null;
}

export interface ManifestFile {
	readonly path: string;
	readonly bytes: number;
}

export interface ExportManifest {
	readonly format: typeof EXPORT_FORMAT;
	readonly version: typeof EXPORT_VERSION;
	/** ISO 8601, UTC. */
	readonly exportedAt: string;
	readonly user: ExportUser;
	/** Path of the coach's own document (`coach:<userId>`), or null in a client's export. */
	readonly coachDoc: string | null;
	readonly engagements: readonly ManifestEngagement[];
	/**
	 * A coach's catalogue and availability (absent from a client's export, and from a coach's
	 * made offline). Optional, so version 2 readers that predate it simply ignore it.
	 */
	readonly practice?: ExportPractice;
	/** Every file in the zip except manifest.json itself, in zip order. */
	readonly files: readonly ManifestFile[];
}
