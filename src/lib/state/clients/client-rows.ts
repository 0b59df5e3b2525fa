/**
 * The clients list as the coach sees it, merged from three sources: engagements (who is a
 * client), invites (whether an invitation is pending or expired, and its delivery) and invites
 * still queued on this device. Pure, so the merge rules are testable without a browser.
 */
import type { InviteView } from '../../api/invites';
import type { KnownStatus } from '../../domain/bulk-invite';
import type { EngagementSummary } from '../../api/engagements';
import type { QueuedInvite } from './invite-queue.svelte';

export type ClientStatus = 'queued' | 'refused' | 'pending' | 'expired' | 'active' | 'ended';

export const STATUS_LABELS: Record<ClientStatus, string> = {
	queued: 'Waiting to send',
	refused: 'Not sent',
	pending: 'Pending acceptance',
	expired: 'Expired',
	active: 'Active',
	ended: 'Ended'
};

export interface ClientRow {
	/** Stable across refreshes: engagement id, else invite id, else queue id. */
	readonly key: string;
	readonly name: string;
	readonly email: string;
	readonly status: ClientStatus;
	readonly engagement: EngagementSummary | null;
	readonly invite: InviteView | null;
	readonly queued: QueuedInvite | null;
	/** Something the coach should know: a refused invite's reason, an email that bounced. */
	readonly problem: string | null;
}

const ORDER: readonly ClientStatus[] = [
	'refused',
	'queued',
	'pending',
	'expired',
	'active',
	'ended'
];

function inviteStatus(invite: InviteView | undefined, now: number): ClientStatus {
	if (invite?.status === 'expired') {
		return 'expired';
	}
	if (invite?.status === 'pending' && Date.parse(invite.expiresAt) <= now) {
		return 'expired';
	}
	return 'pending';
}

function deliveryProblem(invite: InviteView | undefined): string | null {
	return invite?.delivery.status === 'failed'
		? `The email was not delivered${invite.delivery.error ? `: ${invite.delivery.error}` : ''}. Resend it.`
		: null;
}

function engagementRow(
	e: EngagementSummary,
	invite: InviteView | undefined,
	now: number
): ClientRow {
	// closed: the server dropped it (the client deleted their account), so it ended for good.
	const ended = e.status === 'ended' || e.status === 'closed';
	const status: ClientStatus =
		e.status === 'active' ? 'active' : ended ? 'ended' : inviteStatus(invite, now);
	return {
		key: e.id,
		name: e.client.name,
		email: e.client.email,
		status,
		engagement: e,
		invite: invite ?? null,
		queued: null,
		problem: status === 'pending' || status === 'expired' ? deliveryProblem(invite) : null
	};
}

const INVITE_TO_STATUS = { accepted: 'active', revoked: 'ended' } as const;

/** An invite whose engagement the cached engagement list does not know yet. */
function inviteRow(invite: InviteView, now: number): ClientRow {
	const status =
		invite.status === 'accepted' || invite.status === 'revoked'
			? INVITE_TO_STATUS[invite.status]
			: inviteStatus(invite, now);
	return {
		key: invite.engagementId,
		name: invite.name,
		email: invite.email,
		status,
		engagement: null,
		invite,
		queued: null,
		problem: deliveryProblem(invite)
	};
}

function queuedRow(queued: QueuedInvite): ClientRow {
	return {
		key: `queued:${queued.id}`,
		name: queued.input.name,
		email: queued.input.email.trim().toLowerCase(),
		status: queued.state === 'refused' ? 'refused' : 'queued',
		engagement: null,
		invite: null,
		queued,
		problem: queued.error
	};
}

/** The newest invite per engagement (the list is newest first, so the first seen wins). */
function latestInvites(invites: readonly InviteView[]): Map<string, InviteView> {
	const latest = new Map<string, InviteView>();
	for (const invite of invites) {
		if (!latest.has(invite.engagementId)) {
			latest.set(invite.engagementId, invite);
		}
	}
	return latest;
}

export function buildClientRows(input: {
	engagements: readonly EngagementSummary[];
	invites: readonly InviteView[];
	queued: readonly QueuedInvite[];
	now?: number;
}): ClientRow[] {
	const now = input.now ?? Date.now();
	const invites = latestInvites(input.invites);
	const rows = input.engagements.map((e) => engagementRow(e, invites.get(e.id), now));
	const known = new Set(rows.map((row) => row.key));
	for (const invite of invites.values()) {
		if (!known.has(invite.engagementId)) {
			rows.push(inviteRow(invite, now));
		}
	}
	rows.push(...input.queued.map(queuedRow));
	return rows.sort(
		(a, b) =>
			ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
			a.name.localeCompare(b.name) ||
			a.key.localeCompare(b.key)
	);
}

export type StatusFilter = ClientStatus | 'all';

/** Rows whose name or email contains every word of the query, case- and accent-insensitively. */
export function filterClientRows(
	rows: readonly ClientRow[],
	filter: { query: string; status: StatusFilter }
): ClientRow[] {
	const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	const words = fold(filter.query).split(/\s+/).filter(Boolean);
	return rows.filter((row) => {
		if (filter.status !== 'all' && row.status !== filter.status) {
			return false;
		}
		const haystack = fold(`${row.name} ${row.email}`);
		return words.every((word) => haystack.includes(word));
	});
}

/** What the bulk invite preview checks each email against. */
export function knownEmails(rows: readonly ClientRow[]): Map<string, KnownStatus> {
	const known = new Map<string, KnownStatus>();
	for (const row of rows) {
		const status: KnownStatus | null =
			row.status === 'active' || row.status === 'pending' || row.status === 'expired'
				? row.status
				: row.status === 'queued'
					? 'queued'
					: null;
		if (status && !known.has(row.email.toLowerCase())) {
			known.set(row.email.toLowerCase(), status);
		}
	}
	return known;
}

/** Rows that can be sent again: an open invitation, pending or expired. */
export const canResend = (row: ClientRow) =>
	row.invite !== null && (row.status === 'pending' || row.status === 'expired');
export const canRevoke = (row: ClientRow) => row.invite !== null && row.status === 'pending';
