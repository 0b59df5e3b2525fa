/**
 * Which of a coach's private notes belong to former clients: pure rules, testable without a
 * document or a browser. The rune class that follows the document is former-clients.svelte.ts.
 */
import type { Note } from '../../domain/engagement';
import type { EngagementSummary } from '../../api/engagements';

/**
 * Why a client counts as former: the coach ended the engagement (`ended`), the server stopped
 * listing it and this device remembers it (`closed`), or nothing on this device names it any
 * more (`unknown`: removed from this device, or a device that never saw the engagement).
 */
export type FormerStatus = 'ended' | 'closed' | 'unknown';

/** One former client as the "Former clients" view shows it: the coach's private notes about them. */
export interface FormerClient {
	readonly engagementId: string;
	/** The client's name as this device last knew it; null when nothing here names them. */
	readonly name: string | null;
	readonly status: FormerStatus;
	/** When the newest of the notes was last updated (ms since epoch). */
	readonly newestAt: number;
	/** Most recently updated first. */
	readonly notes: readonly Note[];
}

// Engagements the client page still shows (with their private notes): not former.
const CURRENT: ReadonlySet<EngagementSummary['status']> = new Set(['active', 'pending']);

function statusOf(engagement: EngagementSummary | undefined): FormerStatus {
	if (!engagement) {
		return 'unknown';
	}
	return engagement.status === 'ended' ? 'ended' : 'closed';
}

/**
 * Groups private notes by engagement and keeps the engagements that are not current, newest
 * note first. Pure, so the rules are testable without a document or a browser.
 */
export function formerClientsFrom(
	notes: readonly Note[],
	engagements: readonly EngagementSummary[]
): FormerClient[] {
	const byId = new Map(engagements.map((e) => [e.id, e]));
	const groups = new Map<string, Note[]>();
	for (const note of notes) {
		const id = note.engagementId;
		const engagement = id === null ? undefined : byId.get(id);
		if (id === null || (engagement && CURRENT.has(engagement.status))) {
			continue;
		}
		groups.set(id, [...(groups.get(id) ?? []), note]);
	}
	const clients = [...groups].map(([engagementId, grouped]): FormerClient => {
		const sorted = [...grouped].sort((a, b) => b.updatedAt - a.updatedAt);
		const engagement = byId.get(engagementId);
		return Object.freeze({
			engagementId,
			name: engagement?.client.name.trim() || null,
			status: statusOf(engagement),
			newestAt: sorted[0]?.updatedAt ?? 0,
			notes: Object.freeze(sorted)
		});
	});
	return clients.sort(
		(a, b) => b.newestAt - a.newestAt || a.engagementId.localeCompare(b.engagementId)
	);
}

/** "Ada Lovelace", or for a client nothing here names: "Deleted client (last note: 3 Mar 2026)". */
export function formerClientLabel(client: FormerClient, day: (ms: number) => string): string {
	return client.name ?? `Deleted client (last note: ${day(client.newestAt)})`;
}

/**
 * The engagement list, or null while it is not known: a coach's list is known once it was saved
 * or fetched, which always names the coach's document (or, from an older cache, an engagement).
 */
export function knownEngagements(list: {
	readonly all: readonly EngagementSummary[];
	readonly coachDoc: string | undefined;
}): readonly EngagementSummary[] | null {
	return list.coachDoc !== undefined || list.all.length > 0 ? list.all : null;
}
