import type { EventInput } from '../../api/notifications';
import type { Role } from '../../domain/account';
import { REPORTERS, type NotificationKind } from '../../domain/notification-kinds';
import type { Workspace } from '../app/workspace-context';

/**
 * Tells the server that this browser made a change worth notifying the other side about.
 * Call it only for changes made here by the user (never for remote or echoed ones); `eventId` is
 * derived from the document change (see `eventIds`), so every device computes the same. The
 * request goes through the outbox: sent now, or when the network returns, so offline events
 * are notified once they reach the server; the server records each event id once per
 * engagement, so another tab or device reporting the same change is harmless.
 *
 *     reportEvent(useWorkspace(), {
 *       engagementId,
 *       kind: 'comment-added',
 *       eventId: eventIds.comment(commentId)
 *     });
 */
export function reportEvent(workspace: Pick<Workspace, 'queue'>, event: EventInput): void {
	workspace
		.queue(
			{ method: 'POST', path: '/api/events', body: event },
			{ dedupeKey: `event:${event.engagementId}:${event.eventId}` }
		)
		.catch((error: unknown) => console.error('could not queue a notification event', error));
}

/** A reporter bound to one engagement and user; kinds the user's role may not report are skipped. */
export function eventReporter(
	workspace: Pick<Workspace, 'queue'>,
	options: { engagementId: string; role: Role }
): (kind: NotificationKind, eventId: string) => void {
	return (kind, eventId) => {
		if (REPORTERS[kind].includes(options.role)) {
			reportEvent(workspace, { engagementId: options.engagementId, kind, eventId });
		}
	};
}
