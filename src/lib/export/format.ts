/**
 * The "Export my data" zip, format version 1 (docs/export-format.md describes it for readers
 * outside this codebase). Types only, plus the constants a reader checks first.
 */
import type { Role } from '../domain/account';

export const EXPORT_FORMAT = 'tandem-export';
export const EXPORT_VERSION = 1;
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

/** What the export knows about an engagement before reading its documents. */
export interface ExportEngagement {
	readonly id: string;
	readonly status: EngagementStatus;
	readonly coach: { readonly id: string; readonly name: string; readonly email?: string };
	/** `id` is null while the invitation is pending (no client account yet). */
	readonly client: { readonly id: string | null; readonly name: string; readonly email: string };
}

/** The encoded states (`Y.encodeStateAsUpdate`) of one engagement's two documents. */
export interface EngagementStates {
	/** `eng:<id>`; null when this device holds no copy (exported as an empty document). */
	readonly shared: Uint8Array | null;
	/** `sub:<id>`; null likewise. */
	readonly subscription: Uint8Array | null;
}

export interface ManifestEngagement extends ExportEngagement {
	/** The folder under `clients/` holding this engagement's files. */
	readonly folder: string;
	readonly docs: { readonly shared: string; readonly subscription: string };
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
	/** Every file in the zip except manifest.json itself, in zip order. */
	readonly files: readonly ManifestFile[];
}
