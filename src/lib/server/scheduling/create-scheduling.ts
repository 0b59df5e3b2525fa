import type { Db } from '../db';
import type { DocWriter } from '../doc-writer';
import type { Mailer } from '../mail/mailer';
import { EngagementStore } from '../memberships/engagement-store';
import { AvailabilityStore } from './availability-store';
import { BookingService, type BookingEffects } from './booking-service';
import { BookingStore } from './booking-store';
import { clockFromEnv } from './clock';
import { EngagementDocs } from './engagement-terms';

export interface SchedulingServices {
	bookings: BookingService;
	/** The scheduling clock (shiftable in tests, see clock.ts). */
	now: () => number;
}

/** Wires scheduling over one database; `now` defaults to the (test-shiftable) clock from env. */
export function createScheduling(deps: {
	db: Db;
	docWriter: DocWriter;
	mailer: Mailer;
	origin: string | undefined;
	now?: () => number;
	effects?: BookingEffects;
}): SchedulingServices {
	const now = deps.now ?? clockFromEnv(process.env);
	const store = new BookingStore(deps.db, now);
	const bookings = new BookingService({
		bookings: store,
		availability: new AvailabilityStore(deps.db, now),
		engagements: new EngagementStore(deps.db, now),
		docs: new EngagementDocs(deps.docWriter, now),
		effects: deps.effects ?? { changed: async () => {} },
		now
	});
	return { bookings, now };
}
