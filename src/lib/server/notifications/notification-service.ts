import type { PublicUser } from '../../domain/account';
import {
	REPORTERS,
	eventIds,
	notificationText,
	type NotificationKind
} from '../../domain/notification-kinds';
import { err, ok, type Result } from '../errors';
import type { Mailer } from '../mail/mailer';
import type { Engagement, EngagementStore } from '../memberships/engagement-store';
import type { UserStore } from '../users';
import { notificationEmail } from './notification-email';
import type { NotificationStore, StoredNotification } from './notification-store';
import type { EventInput } from './notification-input';

export interface NotificationList {
	notifications: StoredNotification[];
	unread: number;
}

export interface NotificationServiceDeps {
	store: NotificationStore;
	engagements: EngagementStore;
	users: UserStore;
	mailer: Mailer;
	/** The public origin when configured; links in emails use it, else the request's origin. */
	origin?: string;
}

const LIST_LIMIT = 100;

/**
 * Turns events into one in-app notification and at most one email for the other side.
 * Exactly once: the event id is derived from the document change by whichever browser made it,
 * and the store records each (engagement, event id) once; only the request that recorded it
 * sends the email.
 */
export class NotificationService {
	#d: NotificationServiceDeps;

	constructor(deps: NotificationServiceDeps) {
		this.#d = deps;
	}

	/** An event reported by a browser: checked for membership and the reporter's role. */
	async report(
		reporter: PublicUser,
		input: EventInput,
		requestOrigin: string
	): Promise<Result<{ recorded: boolean }>> {
		const engagement = this.#d.engagements.byId(input.engagementId);
		const isMember =
			engagement !== null &&
			(engagement.coachId === reporter.id || engagement.clientId === reporter.id);
		if (!engagement || !isMember) {
			// Same answer for unknown and foreign engagements: ids are not to be probed.
			return err('forbidden', 'You are not part of this engagement.');
		}
		if (!REPORTERS[input.kind].includes(reporter.role)) {
			return err('forbidden', `A ${reporter.role} cannot report "${input.kind}".`);
		}
		if (engagement.status !== 'active') {
			return err('conflict', 'This engagement is not active.');
		}
		const recorded = await this.#notify({
			engagement,
			actor: reporter,
			kind: input.kind,
			eventId: input.eventId,
			appUrl: this.#d.origin ?? requestOrigin
		});
		if (!recorded) {
			const kind = this.#d.store.recordedKind(engagement.id, input.eventId);
			if (kind !== input.kind) {
				return err('conflict', 'This event id was already reported as another kind of event.');
			}
		}
		return ok({ recorded });
	}

	/** Called by the invite flow once a client accepted: tells the coach. */
	async inviteAccepted(engagementId: string): Promise<void> {
		const engagement = this.#d.engagements.byId(engagementId);
		const client = engagement?.clientId ? this.#d.users.byId(engagement.clientId) : null;
		if (engagement && client) {
			await this.#notify({
				engagement,
				actor: client,
				kind: 'invite-accepted',
				eventId: eventIds.inviteAccepted(engagementId),
				appUrl: this.#d.origin ?? null
			});
		}
	}

	list(user: PublicUser): NotificationList {
		return {
			notifications: this.#d.store.list(user.id, LIST_LIMIT),
			unread: this.#d.store.unreadCount(user.id)
		};
	}

	markRead(user: PublicUser, ids: readonly string[] | null): NotificationList {
		this.#d.store.markRead(user.id, ids);
		return this.list(user);
	}

	settings(user: PublicUser): { emailNotifications: boolean } {
		return { emailNotifications: this.#d.store.emailNotifications(user.id) };
	}

	saveSettings(user: PublicUser, input: { emailNotifications: boolean }) {
		this.#d.store.setEmailNotifications(user.id, input.emailNotifications);
		return this.settings(user);
	}

	/** Records the event; true when this call recorded it (and so notified), false if seen before. */
	async #notify(input: {
		engagement: Engagement;
		actor: Pick<PublicUser, 'id' | 'name' | 'role'>;
		kind: NotificationKind;
		eventId: string;
		appUrl: string | null;
	}): Promise<boolean> {
		const { engagement, actor } = input;
		const recipientId = actor.id === engagement.coachId ? engagement.clientId : engagement.coachId;
		const recipient = recipientId ? this.#d.users.byId(recipientId) : null;
		if (!recipient) {
			return false;
		}
		const emailOn = this.#d.store.emailNotifications(recipient.id);
		const text = notificationText(input.kind, actor);
		const notification = this.#d.store.record({
			engagementId: engagement.id,
			eventId: input.eventId,
			kind: input.kind,
			actorId: actor.id,
			recipientId: recipient.id,
			text,
			emailStatus: emailOn ? 'pending' : 'off'
		});
		if (notification && emailOn) {
			const outcome = await this.#d.mailer.send(
				notificationEmail({
					to: recipient.email,
					recipientName: recipient.name,
					text,
					appUrl: input.appUrl
				})
			);
			this.#d.store.setEmailStatus(notification.id, outcome.status);
		}
		return notification !== null;
	}
}
