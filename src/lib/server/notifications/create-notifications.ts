import type { AppDatabase } from '../database/app-database';
import type { Db } from '../db';
import type { DocWriter } from '../doc-writer';
import { EmailAllowance } from '../mail/email-allowance';
import type { MailQueue } from '../mail-queue/mail-queue';
import { EngagementStore } from '../memberships/engagement-store';
import type { InviteAcceptance } from '../memberships/invite-acceptance';
import type { SqliteUserLookup } from '../users';
import { EventVerifier } from './event-verifier';
import { NotificationHub } from './notification-hub';
import { NotificationService, notificationIdOf } from './notification-service';

const DIGEST_REF = 'digest:';
import { NotificationStore } from './notification-store';

/**
 * Builds the notification service over the shared mail queue, keeps `notifications.email` in
 * step with the queue, and hooks it into the invite flow ("invite accepted") when given one.
 */
export function createNotifications(deps: {
	db: Db;
	database: AppDatabase;
	users: SqliteUserLookup;
	mailQueue: MailQueue;
	/** Reported events are looked up in the documents through it (read-only callbacks). */
	docWriter: Pick<DocWriter, 'withDoc'>;
	/** How long a report waits for its change to reach the document (see EventVerifier). */
	eventWaitMs?: number;
	/** Shared with the invitations, so one account has one allowance; a fresh one by default. */
	emailAllowance?: EmailAllowance;
	/** How often a live notification stream sends a heartbeat (default 25 s). */
	heartbeatMs?: number;
	/** How long a chat message's email waits to be batched (default 5 min). */
	digestDelayMs?: number;
	inviteAcceptance?: InviteAcceptance;
	origin: string | undefined;
	now?: () => number;
}): NotificationService {
	const store = new NotificationStore(deps.db, deps.now);
	const notifications = new NotificationService({
		store,
		engagements: new EngagementStore(deps.db, deps.now),
		users: deps.users,
		verifier: new EventVerifier({
			docs: deps.docWriter,
			...(deps.eventWaitMs === undefined ? {} : { waitMs: deps.eventWaitMs })
		}),
		allowance: deps.emailAllowance ?? new EmailAllowance(deps.database, {}, deps.now),
		hub: new NotificationHub(),
		...(deps.digestDelayMs === undefined ? {} : { digestDelayMs: deps.digestDelayMs }),
		...(deps.now ? { now: deps.now } : {}),
		...(deps.heartbeatMs === undefined ? {} : { heartbeatMs: deps.heartbeatMs }),
		mailQueue: deps.mailQueue,
		origin: deps.origin
	});
	deps.mailQueue.composeBefore(DIGEST_REF, (ref, queued) =>
		notifications.composeDigest(ref, queued)
	);
	deps.mailQueue.onSettled((ref, status) => {
		const id = notificationIdOf(ref);
		if (id) {
			store.setEmailStatus(id, status);
		} else if (ref.startsWith(DIGEST_REF)) {
			store.setDigestStatus(ref, status);
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

/**
 * Timing from the environment (tests shorten it): TANDEM_EVENT_WAIT_MS, how long a reported
 * event is looked for in its document; TANDEM_SSE_HEARTBEAT_MS, the live stream's heartbeat.
 */
export function notificationTimingFromEnv(env: Record<string, string | undefined>): {
	eventWaitMs?: number;
	heartbeatMs?: number;
	digestDelayMs?: number;
} {
	const ms = (name: string): number | undefined => {
		const raw = env[name];
		if (raw === undefined || raw === '') {
			return undefined;
		}
		const value = Number(raw);
		if (!Number.isInteger(value) || value < 0) {
			throw new Error(`${name} must be a whole number of ms, got "${raw}"`);
		}
		return value;
	};
	const eventWaitMs = ms('TANDEM_EVENT_WAIT_MS');
	const heartbeatMs = ms('TANDEM_SSE_HEARTBEAT_MS');
	const digestDelayMs = ms('TANDEM_MESSAGE_DIGEST_MS');
	return {
		...(eventWaitMs === undefined ? {} : { eventWaitMs }),
		...(heartbeatMs === undefined ? {} : { heartbeatMs }),
		...(digestDelayMs === undefined ? {} : { digestDelayMs })
	};
}
