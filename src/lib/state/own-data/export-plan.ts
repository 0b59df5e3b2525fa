import * as Y from 'yjs';
import { apiRequest } from '../../api/client';
import type { PublicUser } from '../../domain/account';
import type { ExportEngagement, ExportPlan, ExportPractice } from '../../export/build-export';
import type { DocHandle } from '../../local/doc-registry';
import type { EngagementSummary } from '../../api/engagements';
import type { ConnectDocTransport } from '../../sync/transport';

/** What the export needs of the DocRegistry: open a document by name. */
export interface DocOpener {
	open(docName: string): DocHandle;
}

/** The workspace's registry as the export sees it: it also says which documents are open. */
export interface LiveDocs extends DocOpener {
	readonly openNames: readonly string[];
}

/** A connection that never connects: the export reads this device's copies only. */
export const localOnlyTransport: ConnectDocTransport = () => ({
	state: 'disconnected',
	synced: false,
	on: () => () => {},
	connect: () => {},
	disconnect: () => {},
	destroy: () => {}
});

/**
 * Documents this tab has open are read from the workspace's registry (their newest edits may
 * still be on their way to IndexedDB); every other one from `stored`, a registry without
 * connections, indexers or idle grace, so a thousand clients' documents are loaded, read and
 * closed one after another instead of each opening a socket and staying in memory for 30 s.
 */
export function preferOpen(live: LiveDocs, stored: DocOpener): DocOpener {
	return {
		open: (docName) => (live.openNames.includes(docName) ? live : stored).open(docName)
	};
}

/**
 * The local copy of one document, encoded as a single Yjs update. Opened through the registry
 * so a document already open in this tab (with edits not yet written to IndexedDB) is read
 * as it is now; released at once so the registry can close it again.
 */
export async function readDocState(registry: DocOpener, docName: string): Promise<Uint8Array> {
	const handle = registry.open(docName);
	try {
		await handle.whenLoaded;
		return Y.encodeStateAsUpdate(handle.doc);
	} finally {
		handle.release();
	}
}

function toExportEngagement(summary: EngagementSummary, user: PublicUser): ExportEngagement {
	const coachEmail = summary.coach.id === user.id ? user.email : undefined;
	return {
		id: summary.id,
		// A closed engagement (no longer on the server, kept on this device) ended for good.
		status: summary.status === 'closed' ? 'ended' : summary.status,
		// formerIds travel in the manifest so a further import still knows who wrote the history.
		// Copied into plain arrays: the summaries may be $state proxies, which postMessage to the
		// export worker cannot clone.
		coach: {
			id: summary.coach.id,
			name: summary.coach.name,
			...(coachEmail ? { email: coachEmail } : {}),
			formerIds: [...(summary.coach.formerIds ?? [])]
		},
		client: {
			id: summary.client.id,
			name: summary.client.name,
			email: summary.client.email,
			formerIds: [...(summary.client.formerIds ?? [])]
		}
	};
}

/** The worker's plan: who is exporting and the engagements they can see (all, for a coach). */
export function exportPlan(
	user: PublicUser,
	engagements: readonly EngagementSummary[],
	now: Date,
	practice: ExportPractice | null = null
): ExportPlan {
	return {
		...(practice ? { practice } : {}),
		user: { id: user.id, name: user.name, email: user.email, role: user.role },
		exportedAt: now.toISOString(),
		engagements: engagements
			.filter((e) => user.role === 'coach' || e.client.id === user.id)
			.map((e) => toExportEngagement(e, user))
	};
}

export const currentTime = (): Date => new Date();

/**
 * The coach's package catalogue and availability from the server, for the manifest; null when
 * either cannot be read (offline): the export still holds everything on this device.
 */
export async function fetchPractice(fetcher: typeof fetch = fetch): Promise<ExportPractice | null> {
	const [packages, hours] = await Promise.all([
		apiRequest<{ packages: ExportPractice['packages'] }>('/api/packages', { fetch: fetcher }),
		apiRequest<{ availability: ExportPractice['availability'] }>('/api/availability', {
			fetch: fetcher
		})
	]);
	if (!packages.ok || !hours.ok) {
		return null;
	}
	// Field by field: the API's objects carry ids and dates that mean nothing elsewhere.
	return {
		packages: packages.data.packages.map((p) => ({
			name: p.name,
			sessionsTotal: p.sessionsTotal,
			sessionMinutes: p.sessionMinutes,
			priceCents: p.priceCents,
			currency: p.currency,
			noShowConsumesSession: p.noShowConsumesSession,
			selfBooking: p.selfBooking
		})),
		availability: hours.data.availability
	};
}

/** Looks up an engagement's document names (eng:, sub:) by its id. */
export function docNamesById(
	engagements: readonly EngagementSummary[]
): (id: string) => EngagementSummary['docs'] | undefined {
	const byId = new Map(engagements.map((e) => [e.id, e.docs]));
	return (id) => byId.get(id);
}

/** `tandem-export-2026-03-01.zip` */
export function exportFileName(now: Date): string {
	return `tandem-export-${now.toISOString().slice(0, 10)}.zip`;
}

/** 1536 → '1.5 KB'; for the result line under the button. */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
