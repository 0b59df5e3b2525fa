import { createActor } from '../../docs/actor';
import { serverOrigin } from '../../docs/origin';
import * as sub from '../../docs/subscription-doc';
import { DEFAULT_SESSION_MINUTES } from '../../domain/scheduling';
import { recordedBookingIds, sessionUsage } from '../../domain/sessions';
import { engagementDocs } from '../../sync/protocol';
import type { DocWriter } from '../doc-writer';
import type { BookingRecord } from './booking-store';

/** What booking needs from the engagement's `sub:` document (the package as sold). */
export interface EngagementTerms {
	hasPackage: boolean;
	/**
	 * Sessions the ledger says are left before bookings are subtracted (the bookings in SQLite
	 * are the authority for those); null without a package: nothing to count against.
	 */
	remaining: number | null;
	/** Bookings whose outcome the ledger records: they no longer hold a session. */
	recordedBookingIds: string[];
	sessionMinutes: number;
	selfBooking: boolean;
}

/**
 * Reads and writes the scheduling parts of `sub:<engagementId>` through the sync server's
 * durable path, so what the server decides is what both sides see, offline too.
 */
export class EngagementDocs {
	#writer: DocWriter;
	#now: () => number;

	constructor(writer: DocWriter, now: () => number) {
		this.#writer = writer;
		this.#now = now;
	}

	terms(engagementId: string): Promise<EngagementTerms> {
		return this.#writer.withDoc(engagementDocs(engagementId).subscription, (doc) => {
			// Server writes may reach a document no browser has opened yet: declare its schema first.
			sub.migrate(doc);
			const pkg = sub.readPackage(doc);
			const ledger = sub.listLedger(doc);
			return {
				hasPackage: pkg !== null,
				remaining: pkg ? sessionUsage(ledger, pkg).remaining : null,
				recordedBookingIds: [...recordedBookingIds(ledger)],
				sessionMinutes:
					pkg && pkg.sessionMinutes > 0 ? pkg.sessionMinutes : DEFAULT_SESSION_MINUTES,
				selfBooking: sub.readSelfBooking(doc)
			};
		});
	}

	/** Writes the bookings (all of the engagement's, so an earlier failed write is caught up). */
	async writeBookings(engagementId: string, bookings: readonly BookingRecord[]): Promise<void> {
		const actor = createActor({
			userId: bookings[0]?.coachId ?? 'server',
			origin: serverOrigin('booking'),
			now: this.#now
		});
		await this.#writer.withDoc(engagementDocs(engagementId).subscription, (doc) => {
			sub.migrate(doc);
			for (const b of bookings) {
				sub.upsertBooking(doc, actor, {
					id: b.id,
					startsAt: b.startsAt,
					endsAt: b.endsAt,
					timeZone: b.timeZone,
					kind: b.kind,
					status: b.status,
					sequence: b.sequence
				});
			}
		});
	}
}
