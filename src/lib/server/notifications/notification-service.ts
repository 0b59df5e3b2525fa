import type { PublicUser } from '../../domain/account';
import {
	REPORTERS,
	eventIds,
	messageDigestText,
	notificationText,
	type NotificationKind
} from '../../domain/notification-kinds';
import { err, ok, type Result } from '../errors';
import type { EmailAllowance } from '../mail/email-allowance';
import type { MailMessage } from '../mail/mailer';
import type { MailQueue } from '../mail-queue/mail-queue';
import type { Engagement, EngagementStore } from '../memberships/engagement-store';
import type { SqliteUserLookup } from '../users';
import { appUrlOf, notificationEmail } from './notification-email';
import type { NotificationHub } from './notification-hub';
import type { NewEvent, NotificationStore, StoredNotification } from './notification-store';
import type { EventInput, NotificationList } from '../../api/notifications';
import type { EventVerifier } from './event-verifier';

/** A server-side event (bookings, reminders): the caller names the recipient and the text. */
export type ServerEvent = Omit<NewEvent, 'emailStatus'>;

/**
 * 'setting': the standard notification email too, if the recipient has emails on.
 * 'off': in-app only, e.g. when the caller sends its own email (a booking's .ics).
 */
export type EmailChoice = 'setting' | 'off';

export interface NotificationServiceDeps {
	store: NotificationStore;
	engagements: EngagementStore;
	users: SqliteUserLookup;
	/** Finds a reported event in its document; what it cannot find is refused. */
	verifier: Pick<EventVerifier, 'exists'>;
	/** A reported event's email counts against the reporter's hourly allowance. */
	allowance: Pick<EmailAllowance, 'take'>;
	/** Told whose list changed, for the live streams. */
	hub: NotificationHub;
	/** How often a live stream sends a heartbeat. */
	heartbeatMs?: number;
	/** Emails are queued with the notification (one transaction) and sent by the queue's loop. */
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick' | 'kickAt' | 'waitingRef'>;
	/**
	 * How long a chat message's email waits for more messages (one digest per conversation and
	 * quiet period) and for the recipient to read them in the app (then none is sent).
	 */
	digestDelayMs?: number;
	now?: () => number;
	/** The public origin when configured; links in emails use it, else the request's origin. */
	origin?: string;
}

const LIST_LIMIT = 100;
const DEFAULT_DIGEST_DELAY_MS = 5 * 60_000;

/**
 * Turns events into one in-app notification and at most one email for the other side.
 * Exactly once: the event id is derived from the document change by whichever browser made it,
 * and the store records each (engagement, event id) once; the email is queued in the same
 * transaction, so it exists exactly when the notification does, and the mail queue sends it
 * (once; again only after a crash between the mail server's acceptance and the "sent" mark).
 */
export class NotificationService {
	#d: NotificationServiceDeps;

	constructor(deps: NotificationServiceDeps) {
		this.#d = deps;
	}

	/**
	 * An event reported by a browser: checked for membership and the reporter's role, and found
	 * in the engagement's document as the reporter's own change (a made-up event is refused).
	 */
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
		// A repeat (another tab, a retry) is answered from the event log without reading the doc.
		const known = this.#d.store.recordedKind(engagement.id, input.eventId);
		if (known === null && !(await this.#d.verifier.exists({ ...input, reporterId: reporter.id }))) {
			return err('not-found', 'This event is not in the document, so nothing was notified.');
		}
		if (known === null) {
			// Refused whole (429, nothing recorded): the browser's outbox reports it again later.
			const allowed = await this.#takeEmail(engagement, reporter, input.kind);
			if (!allowed.ok) {
				return allowed;
			}
		}
		const recorded = this.#notify({
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

	/** Counts the email this event will send the other side, if they want emails. */
	async #takeEmail(
		engagement: Engagement,
		reporter: PublicUser,
		kind: NotificationKind
	): Promise<Result<void>> {
		const recipientId =
			reporter.id === engagement.coachId ? engagement.clientId : engagement.coachId;
		const wantsEmail = recipientId !== null && this.#d.store.emailNotifications(recipientId);
		// A message joining a digest that is already waiting adds no email.
		const joinsDigest =
			kind === 'message' &&
			recipientId !== null &&
			this.#d.mailQueue.waitingRef(digestPrefix(engagement.id, recipientId)) !== null;
		return wantsEmail && !joinsDigest ? this.#d.allowance.take(reporter.id) : ok(undefined);
	}

	/**
	 * Writes a digest just before it is sent: "3 new messages from Clio" for the messages it
	 * covers that are still unread; null (nothing sent) when all were read in the app meanwhile,
	 * or the recipient turned emails off.
	 */
	composeDigest(ref: string, queued: MailMessage): MailMessage | null {
		const unread = this.#d.store.digestUnread(ref);
		const first = unread[0];
		const engagement = first ? this.#d.engagements.byId(first.engagementId) : null;
		const recipient = first ? this.#d.users.byId(first.userId) : null;
		if (!first || !engagement || !recipient) {
			return null;
		}
		if (!this.#d.store.emailNotifications(recipient.id)) {
			this.#d.store.setDigestStatus(ref, 'off');
			return null;
		}
		const actorId = recipient.id === engagement.coachId ? engagement.clientId : engagement.coachId;
		const actor = actorId ? this.#d.users.byId(actorId) : null;
		return notificationEmail({
			to: recipient.email,
			recipientName: recipient.name,
			text: actor ? messageDigestText(unread.length, actor) : first.text,
			appUrl: appUrlOf(queued)
		});
	}

	/** Called by the invite flow once a client accepted: tells the coach. */
	async inviteAccepted(engagementId: string): Promise<void> {
		const engagement = this.#d.engagements.byId(engagementId);
		const client = engagement?.clientId ? this.#d.users.byId(engagement.clientId) : null;
		if (engagement && client) {
			this.#notify({
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
		if (this.#d.store.markRead(user.id, ids) > 0) {
			// The user's other tabs and devices update their bell too.
			this.#d.hub.publish(user.id);
		}
		return this.list(user);
	}

	/** Calls `onChange` whenever the user's list changes; returns the unsubscribe. */
	subscribe(userId: string, onChange: () => void): () => void {
		return this.#d.hub.subscribe(userId, onChange);
	}

	get heartbeatMs(): number {
		return this.#d.heartbeatMs ?? 25_000;
	}

	settings(user: PublicUser): { emailNotifications: boolean } {
		return { emailNotifications: this.#d.store.emailNotifications(user.id) };
	}

	/** Whether the user wants emails about what happens (reminder emails follow it too). */
	emailsOn(userId: string): boolean {
		return this.#d.store.emailNotifications(userId);
	}

	saveSettings(user: PublicUser, input: { emailNotifications: boolean }) {
		this.#d.store.setEmailNotifications(user.id, input.emailNotifications);
		return this.settings(user);
	}

	/**
	 * Records a server-side event for its recipient; null when it was recorded before. The
	 * scheduling code uses this for booking and reminder notifications.
	 */
	record(event: ServerEvent, options: { email: EmailChoice }): StoredNotification | null {
		const recipient = options.email === 'off' ? null : this.#d.users.byId(event.recipientId);
		return this.#commit(event, recipient, this.#d.origin ?? null);
	}

	/** Records the event; true when this call recorded it (and so notified), false if seen before. */
	#notify(input: {
		engagement: Engagement;
		actor: Pick<PublicUser, 'id' | 'name' | 'role'>;
		kind: NotificationKind;
		eventId: string;
		appUrl: string | null;
	}): boolean {
		const { engagement, actor } = input;
		const recipientId = actor.id === engagement.coachId ? engagement.clientId : engagement.coachId;
		const recipient = recipientId ? this.#d.users.byId(recipientId) : null;
		if (!recipient) {
			return false;
		}
		const event: ServerEvent = {
			engagementId: engagement.id,
			eventId: input.eventId,
			kind: input.kind,
			actorId: actor.id,
			recipientId: recipient.id,
			text: notificationText(input.kind, actor)
		};
		return this.#commit(event, recipient, input.appUrl) !== null;
	}

	#now(): number {
		return (this.#d.now ?? Date.now)();
	}

	/**
	 * Inside the notification's transaction: the message joins its conversation's waiting digest,
	 * or starts one due after the quiet period. Returns when a new digest is due, else null.
	 */
	#joinDigest(recorded: StoredNotification, email: MailMessage): number | null {
		const prefix = digestPrefix(recorded.engagementId, recorded.userId);
		const waiting = this.#d.mailQueue.waitingRef(prefix);
		const ref = waiting ?? `${prefix}${recorded.id}`;
		let dueAt: number | null = null;
		if (!waiting) {
			dueAt = this.#now() + (this.#d.digestDelayMs ?? DEFAULT_DIGEST_DELAY_MS);
			// The queued text is rewritten by composeDigest when it is sent.
			this.#d.mailQueue.enqueue(email, {
				userId: recorded.userId,
				engagementId: recorded.engagementId,
				ref,
				sendAt: dueAt
			});
		}
		this.#d.store.setDigest(recorded.id, ref);
		return dueAt;
	}

	/** One transaction: the notification and, if `emailTo` wants emails, its queued email. */
	#commit(
		event: ServerEvent,
		emailTo: Pick<PublicUser, 'id' | 'name' | 'email'> | null,
		appUrl: string | null
	): StoredNotification | null {
		const email: MailMessage | null =
			emailTo && this.#d.store.emailNotifications(emailTo.id)
				? notificationEmail({
						to: emailTo.email,
						recipientName: emailTo.name,
						text: event.text,
						appUrl
					})
				: null;
		let digestDueAt: number | null = null;
		const notification = this.#d.store.record(
			{ ...event, emailStatus: email ? 'pending' : 'off' },
			(recorded) => {
				if (email && event.kind === 'message') {
					digestDueAt = this.#joinDigest(recorded, email);
				} else if (email) {
					this.#d.mailQueue.enqueue(email, {
						userId: event.recipientId,
						engagementId: event.engagementId,
						ref: emailRef(recorded.id)
					});
				}
			}
		);
		if (notification) {
			this.#d.hub.publish(event.recipientId);
		}
		if (digestDueAt !== null) {
			this.#d.mailQueue.kickAt(digestDueAt, this.#now());
		} else if (notification && email && event.kind !== 'message') {
			// The request does not wait for SMTP; a mail server that is down only delays the email.
			void this.#d.mailQueue.kick();
		}
		return notification;
	}
}

/** Digests of one conversation for one recipient share this ref prefix. */
export const digestPrefix = (engagementId: string, recipientId: string) =>
	`digest:${engagementId}:${recipientId}:`;

/** The mail queue's ref for a notification's email; the status flows back by it. */
export const emailRef = (notificationId: string) => `notification:${notificationId}`;

export const notificationIdOf = (ref: string): string | null =>
	ref.startsWith('notification:') ? ref.slice('notification:'.length) : null;
