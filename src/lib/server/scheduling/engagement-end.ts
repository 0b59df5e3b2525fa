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
 * cancellation is: in SQLite first (reminders not yet being sent are dropped with it), then both
 * sides' emails with a METHOD:CANCEL .ics queued and the client's in-app notice, then the `sub:`
 * document. Wired to MembershipService.onEnded by createScheduling, so memberships never imports
 * scheduling.
 */
export class EngagementEndBookings {
	#d: EngagementEndDeps;

	constructor(deps: EngagementEndDeps) {
		this.#d = deps;
	}

	/**
	 * Cancels synchronously (the API shows the bookings cancelled as soon as end() returns);
	 * the returned promise settles once the document is written and the emails are handed over.
	 */
	ended(engagement: Engagement): Promise<BookingRecord[]> {
		const now = this.#d.now();
		const cancelled = this.#d.bookings
			.forEngagement(engagement.id)
			.filter((b) => b.status === 'confirmed' && b.startsAt > now)
			.filter((b) => this.#d.bookings.cancel(b.id, ENDED_REASON))
			.map((b) => this.#d.bookings.byId(b.id)!);
		if (cancelled.length === 0) {
			return Promise.resolve([]);
		}
		const actor: Pick<PublicUser, 'id' | 'name' | 'role'> = {
			id: engagement.coachId,
			name: engagement.coachName,
			role: 'coach'
		};
		return this.#publish(engagement.id, cancelled, actor).then(() => cancelled);
	}

	async #publish(
		engagementId: string,
		cancelled: BookingRecord[],
		actor: Pick<PublicUser, 'id' | 'name' | 'role'>
	): Promise<void> {
		// Announced before any await: the emails are queued (durably) right after the cancel.
		const announced = Promise.all(
			cancelled.map((booking) =>
				this.#d.effects.changed({ kind: 'cancelled', booking, actor }).catch((error: unknown) => {
					this.#log(`announcing cancelled booking ${booking.id} failed`, error);
				})
			)
		);
		try {
			await this.#d.docs.writeBookings(engagementId, this.#d.bookings.forEngagement(engagementId));
		} catch (error) {
			// SQLite is the authority; the next change of this engagement re-writes them all.
			this.#log(`writing bookings into sub:${engagementId} failed`, error);
		}
		await announced;
	}

	#log(message: string, error: unknown): void {
		(this.#d.log ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
	}
}
