import * as v from 'valibot';
import { bookingRequestSchema, cancelSchema, rescheduleSchema } from '../../api/scheduling';
import type { PublicUser } from '../../domain/account';
import type { Availability } from '../../domain/scheduling';
import { MailQueue } from '../mail-queue/mail-queue';
import { MailQueueStore } from '../mail-queue/mail-queue-store';
import { ORIGIN, membershipFixture } from '../memberships/membership-fixture.testing';
import { createNotifications } from '../notifications/create-notifications';
import { createScheduling } from './create-scheduling';

export const PACKAGE = {
	name: 'Four sessions',
	sessionsTotal: 4,
	sessionMinutes: 60,
	priceCents: 40000,
	currency: 'EUR',
	noShowConsumesSession: true
};

/** A request body as the endpoint's schema hands it to the service (which takes parsed input). */
export const bookingInput = (body: unknown) => v.parse(bookingRequestSchema, body);
export const moveInput = (body: unknown) => v.parse(rescheduleSchema, body);
export const cancelInput = (body: unknown) => v.parse(cancelSchema, body);

/** Weekdays 09:00–17:00 in `timeZone`, no buffer, 1 h notice, 60 days ahead, 24 h to cancel. */
export function officeHours(timeZone: string, extra: Partial<Availability> = {}): Availability {
	const day = [{ start: '09:00', end: '17:00' }];
	return {
		timeZone,
		weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
		bufferMinutes: 0,
		minNoticeMinutes: 60,
		maxDaysAhead: 60,
		cancelNoticeHours: 24,
		overrides: [],
		...extra
	};
}

/**
 * The membership fixture (real SQLite, settable clock, memory mailer and documents) plus the
 * scheduling services and one active engagement whose package lets the client book.
 */
export async function schedulingFixture(
	options: { selfBooking?: boolean; sessionsTotal?: number } = {}
) {
	const f = membershipFixture();
	const mailQueue = new MailQueue({
		store: new MailQueueStore(f.database, f.clock.now),
		mailer: f.mailer
	});
	const notifications = createNotifications({
		db: f.db,
		database: f.database,
		users: f.userLookup,
		mailQueue,
		docWriter: f.docWriter,
		origin: ORIGIN,
		now: f.clock.now
	});
	const scheduling = createScheduling({
		db: f.db,
		database: f.database,
		docWriter: f.docWriter,
		mailQueue,
		notifications,
		memberships: f.memberships,
		origin: ORIGIN,
		dataDir: f.dir,
		now: f.clock.now
	});
	const coach = await f.account('coach', 'Cora Coach', 'cora@example.com');
	const pkg = f.packages.create(coach, {
		...PACKAGE,
		sessionsTotal: options.sessionsTotal ?? PACKAGE.sessionsTotal,
		selfBooking: options.selfBooking ?? true
	});
	if (!pkg.ok) {
		throw new Error(pkg.error.message);
	}
	const { token } = await f.invite(coach, { email: 'clio@example.com', packageId: pkg.value.id });
	const accepted = await f.inviteAcceptance.accept(
		token,
		{ name: 'Clio Client', password: 'a long client password' },
		'127.0.0.1'
	);
	if (!accepted.ok) {
		throw new Error(accepted.error.message);
	}
	const client: PublicUser = accepted.value.signedIn.user;
	const engagementId = accepted.value.engagementId;
	return {
		...f,
		notifications,
		mailQueue,
		scheduling,
		coach,
		cleanup() {
			// No new pass after the database closes (kicks after a booking are fire-and-forget).
			void mailQueue.stop();
			f.cleanup();
		},
		client,
		engagementId,
		/** Lets fire-and-forget work (emails after a booking) finish and the mail queue drain. */
		async settle() {
			for (let i = 0; i < 10; i++) {
				await new Promise((resolve) => setImmediate(resolve));
			}
			await mailQueue.kick();
			await mailQueue.idle();
		}
	};
}
