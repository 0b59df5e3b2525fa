import type { Db } from '../db';
import type { MailQueue } from '../mail-queue/mail-queue';
import { EngagementStore } from '../memberships/engagement-store';
import type { InviteAcceptance } from '../memberships/invite-acceptance';
import type { UserStore } from '../users';
import { NotificationService, notificationIdOf } from './notification-service';
import { NotificationStore } from './notification-store';

/**
 * Builds the notification service over the shared mail queue, keeps `notifications.email` in
 * step with the queue, and hooks it into the invite flow ("invite accepted") when given one.
 */
export function createNotifications(deps: {
	db: Db;
	users: UserStore;
	mailQueue: MailQueue;
	inviteAcceptance?: InviteAcceptance;
	origin: string | undefined;
	now?: () => number;
}): NotificationService {
	const store = new NotificationStore(deps.db, deps.now);
	const notifications = new NotificationService({
		store,
		engagements: new EngagementStore(deps.db, deps.now),
		users: deps.users,
		mailQueue: deps.mailQueue,
		origin: deps.origin
	});
	deps.mailQueue.onSettled((ref, status) => {
		const id = notificationIdOf(ref);
		if (id) {
			store.setEmailStatus(id, status);
		}
	});
	deps.inviteAcceptance?.onAccepted((engagementId) => {
		// The client is already signed in; a failed notification must not fail their accept.
		notifications.inviteAccepted(engagementId).catch((error: unknown) => {
			console.error('invite-accepted notification failed', error);
		});
	});
	return notifications;
}
