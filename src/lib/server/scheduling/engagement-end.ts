import type { PublicUser } from '../../domain/account';
import type { Engagement } from '../memberships/engagement-store';
import type { BookingEffects } from './booking-service';
import type { BookingRecord, BookingStore } from './booking-store';
import type { EngagementDocs } from './engagement-terms';

export interface EngagementEndDeps {
	bookings: BookingStore;
	docs: Pick<EngagementDocs, 'writeBookings'>;
	effects: BookingEffects;
	now: () => number;
	log?: (message: string, error: unknown) => void;
}

export const ENDED_REASON = 'The engagement ended.';

/**
 * When a coach ends an engagement its future sessions are cancelled the way a coach's own
 * cancellation is: in SQLite, each in one transaction with both sides' METHOD:CANCEL emails,
 * the client's in-app notice and the drop of its reminders; then the `sub:` document. Wired to
 * MembershipService.onEnded by createScheduling, so memberships never imports scheduling.
 * Safe to call again for the same engagement: only bookings still confirmed are cancelled,
 * which is how EngagementEndSweep finishes an end whose listener never ran (a crash).
 */
export class EngagementEndBookings {
	#d: EngagementEndDeps;

	constructor(deps: EngagementEndDeps) {
		this.#d = deps;
	}

	/**
	 * Cancels synchronously (the API shows the bookings cancelled as soon as end() returns), each
	 * booking in one transaction with its emails and notice; the returned promise settles once
	 * the document is written.
	 */
	ended(engagement: Engagement): Promise<BookingRecord[]> {
		const now = this.#d.now();
		const actor: Pick<PublicUser, 'id' | 'name' | 'role'> = {
			id: engagement.coachId,
			name: engagement.coachName,
			role: 'coach'
		};
		const cancelled = this.#d.bookings
			.forEngagement(engagement.id)
			.filter((b) => b.status === 'confirmed' && b.startsAt > now)
			.map((b) => this.#cancel(b.id, actor))
			.filter((b): b is BookingRecord => b !== null);
		if (cancelled.length === 0) {
			return Promise.resolve([]);
		}
		this.#d.effects.committed();
		return this.#write(engagement.id).then(() => cancelled);
	}

	/** A failure (its emails could not be queued) leaves that booking as it was, and is logged. */
	#cancel(id: string, actor: Pick<PublicUser, 'id' | 'name' | 'role'>): BookingRecord | null {
		try {
			return this.#d.bookings.cancel(id, ENDED_REASON, (booking) =>
				this.#d.effects.record({ kind: 'cancelled', booking, actor })
			);
		} catch (error) {
			this.#log(`cancelling booking ${id} of an ended engagement failed (rolled back)`, error);
			return null;
		}
	}

	async #write(engagementId: string): Promise<void> {
		try {
			await this.#d.docs.writeBookings(engagementId, this.#d.bookings.forEngagement(engagementId));
		} catch (error) {
			// SQLite is the authority; the next change of this engagement re-writes them all.
			this.#log(`writing bookings into sub:${engagementId} failed`, error);
		}
	}

	#log(message: string, error: unknown): void {
		(this.#d.log ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
	}
}
