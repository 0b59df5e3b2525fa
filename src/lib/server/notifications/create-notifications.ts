import type { Db } from '../db';
import type { Mailer } from '../mail/mailer';
import { EngagementStore } from '../memberships/engagement-store';
import type { InviteAcceptance } from '../memberships/invite-acceptance';
import type { UserStore } from '../users';
import { NotificationService } from './notification-service';
import { NotificationStore } from './notification-store';

/** Builds the notification service and hooks it into the invite flow ("invite accepted"). */
export function createNotifications(deps: {
	db: Db;
	users: UserStore;
	mailer: Mailer;
	inviteAcceptance: InviteAcceptance;
	origin: string | undefined;
	now?: () => number;
}): NotificationService {
	const notifications = new NotificationService({
		store: new NotificationStore(deps.db, deps.now),
		engagements: new EngagementStore(deps.db, deps.now),
		users: deps.users,
		mailer: deps.mailer,
		origin: deps.origin
	});
	deps.inviteAcceptance.onAccepted((engagementId) => {
		// The client is already signed in; a failed notification must not fail their accept.
		notifications.inviteAccepted(engagementId).catch((error: unknown) => {
			console.error('invite-accepted notification failed', error);
		});
	});
	return notifications;
}
