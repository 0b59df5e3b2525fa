import path from 'node:path';
import type { AppDatabase } from '../database/app-database';
import type { Db } from '../db';
import type { DocWriter } from '../doc-writer';
import type { MailQueue } from '../mail-queue/mail-queue';
import { EngagementStore } from '../memberships/engagement-store';
import type { MembershipService } from '../memberships/membership-service';
import type { NotificationService } from '../notifications/notification-service';
import { AccountClosingBookings } from './account-closing';
import { AvailabilityStore } from './availability-store';
import { BookingAnnouncer } from './booking-announcer';
import { BookingService, type BookingEffects } from './booking-service';
import { BookingStore } from './booking-store';
import { CalendarFeeds } from './calendar-feed';
import { clockFromEnv } from './clock';
import { EngagementEndBookings } from './engagement-end';
import { EngagementEndSweep } from './engagement-end-sweep';
import { EngagementDocs } from './engagement-terms';
import { FeedSeal } from './feed-seal';
import { ReminderScheduler } from './reminder-scheduler';
import { UserTimeZones } from './user-time-zone';

export interface SchedulingServices {
	bookings: BookingService;
	feeds: CalendarFeeds;
	/** Started by the composition root once the server listens, stopped before the db closes. */
	reminders: ReminderScheduler;
	/** Run by every reminder pass; see engagement-end-sweep.ts. */
	endSweep: EngagementEndSweep;
	/** Cancels an account's future sessions inside its deletion (see account-closing.ts). */
	closing: AccountClosingBookings;
	/** The scheduling clock (shiftable in tests, see clock.ts). */
	now: () => number;
}

/** Wires scheduling over one database; `now` defaults to the (test-shiftable) clock from env. */
export function createScheduling(deps: {
	db: Db;
	/** The stores moved onto the async query layer (issue 14) use this; the rest still `db`. */
	database: AppDatabase;
	docWriter: DocWriter;
	/** Booking and reminder emails are queued (durable; retried while the mail server is down). */
	mailQueue: MailQueue;
	/** In-app notices (bookings, reminders) go through the notification service. */
	notifications: Pick<NotificationService, 'record' | 'emailsOn'>;
	/** When given, ending an engagement cancels its future bookings (see engagement-end.ts). */
	memberships?: Pick<MembershipService, 'onEnded'>;
	origin: string | undefined;
	/** Where the calendar feed key file lives (secrets/calendar-feed.key). */
	dataDir: string;
	now?: () => number;
	effects?: BookingEffects;
	reminderIntervalMs?: number;
}): SchedulingServices {
	const { db, mailQueue, origin, notifications } = deps;
	const now = deps.now ?? clockFromEnv(process.env);
	const store = new BookingStore(db, now);
	const availability = new AvailabilityStore(db, now);
	const announcer = new BookingAnnouncer({
		db,
		mailQueue,
		notifications,
		availability,
		origin,
		now
	});
	const docs = new EngagementDocs(deps.docWriter, now);
	const effects = deps.effects ?? announcer;
	const engagements = new EngagementStore(db, now);
	const bookings = new BookingService({
		bookings: store,
		availability,
		engagements,
		docs,
		effects,
		zones: new UserTimeZones(db),
		now
	});
	const ending = new EngagementEndBookings({ bookings: store, docs, effects, now });
	deps.memberships?.onEnded((engagement) => void ending.ended(engagement));
	// The same cancellation again from SQLite, for an end whose listener never ran (a crash).
	const ended = new EngagementEndSweep({ db, engagements, ending, now });
	const reminders = new ReminderScheduler({
		db,
		reminders: store.reminders,
		bookings: store,
		mailQueue,
		notifications,
		announcer,
		ended,
		origin,
		now,
		...(deps.reminderIntervalMs ? { intervalMs: deps.reminderIntervalMs } : {})
	});
	const seal = new FeedSeal(path.join(deps.dataDir, 'secrets', 'calendar-feed.key'));
	const feeds = new CalendarFeeds({ database: deps.database, bookings: store, seal, now });
	const closing = new AccountClosingBookings({ bookings: store, effects, now });
	return { bookings, feeds, reminders, endSweep: ended, closing, now };
}
