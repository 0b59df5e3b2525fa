/**
 * The ledger as people read it: one row per session, showing its current version (corrections
 * applied) and the versions it replaced, so a correction never hides what was first recorded.
 * Pure, over the entries `listLedger` returns.
 */
import {
	resolveCorrections,
	type SessionEntry,
	type SessionKind,
	type SessionOutcome
} from '../../domain/sessions';

export interface LedgerRow {
	/** The id of the first record of this session: stable across corrections. */
	readonly id: string;
	/** The version that counts (corrections applied). */
	readonly current: SessionEntry;
	/** Every earlier version, oldest first (empty when never corrected). */
	readonly earlier: readonly SessionEntry[];
}

export const KIND_LABELS: Record<SessionKind, string> = {
	video: 'Video call',
	audio: 'Audio call',
	phone: 'Phone'
};

export const OUTCOME_LABELS: Record<SessionOutcome, string> = {
	completed: 'Completed',
	'no-show': 'No-show',
	'technical-failure': 'Technical failure'
};

/** Whole minutes between start and end, or null when the end is unknown. */
export function lengthMinutes(entry: SessionEntry): number | null {
	return entry.endedAt === null ? null : Math.round((entry.endedAt - entry.startedAt) / 60_000);
}

function rootOf(byId: Map<string, SessionEntry>, entry: SessionEntry): string | null {
	let cursor: SessionEntry | undefined = entry;
	// Bounded by the ledger size whatever the data says (a forged cycle has no root).
	for (let step = 0; cursor && cursor.corrects !== null && step <= byId.size; step++) {
		cursor = byId.get(cursor.corrects);
	}
	return cursor && cursor.corrects === null ? cursor.id : null;
}

/** Newest session first; within a row, earlier versions in the order they were recorded. */
export function ledgerRows(entries: readonly SessionEntry[]): LedgerRow[] {
	const byId = new Map(entries.map((entry) => [entry.id, entry]));
	const effective = resolveCorrections(entries);
	const versions = new Map<string, SessionEntry[]>();
	for (const entry of entries) {
		const root = rootOf(byId, entry);
		if (root !== null) {
			versions.set(root, [...(versions.get(root) ?? []), entry]);
		}
	}
	const rows: LedgerRow[] = [];
	for (const [id, current] of effective) {
		const earlier = (versions.get(id) ?? [])
			.filter((entry) => entry.id !== current.id)
			.sort((a, b) => a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : 1));
		rows.push({ id, current, earlier });
	}
	return rows.sort((a, b) => b.current.startedAt - a.current.startedAt || (a.id < b.id ? -1 : 1));
}
