import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import * as sub from '../../docs/subscription-doc';
import type { BookingItem } from './types';

/**
 * The bookings the server wrote into one `sub:` document, read from this device's copy, so a
 * client sees their upcoming sessions offline too. Read-only: changes go through the API and
 * come back here as document updates.
 *
 *     const bookings = new SubscriptionBookings(handle.doc, { engagementId, withName: coach.name });
 *     bookings.upcoming(clock.now);
 */
export class SubscriptionBookings {
	readonly #doc: Y.Doc;
	readonly #subscribe: () => void;
	readonly #engagementId: string;
	readonly #withName: string;
	readonly #phone: string | null;

	constructor(
		doc: Y.Doc,
		options: { engagementId: string; withName: string; phone?: string | null }
	) {
		this.#doc = doc;
		this.#engagementId = options.engagementId;
		this.#withName = options.withName;
		this.#phone = options.phone ?? null;
		this.#subscribe = createSubscriber((update) => sub.onChange(doc, update));
	}

	/** Whether the package lets the client book (read offline from the package's copy). */
	get selfBooking(): boolean {
		this.#subscribe();
		return sub.readSelfBooking(this.#doc);
	}

	/**
	 * Confirmed sessions an import brought from the coach's previous server, soonest first: shown
	 * as history, since they were not booked here (no slot held, nothing to cancel).
	 */
	get imported(): readonly { id: string; startsAt: number; endsAt: number }[] {
		this.#subscribe();
		return sub
			.listImportedBookings(this.#doc)
			.filter((entry) => entry.status === 'confirmed')
			.map(({ id, startsAt, endsAt }) => ({ id, startsAt, endsAt }));
	}

	/** Confirmed sessions not yet over, soonest first. */
	upcoming(now: number): BookingItem[] {
		this.#subscribe();
		return sub
			.listBookings(this.#doc)
			.filter((entry) => entry.status === 'confirmed' && entry.endsAt > now)
			.map((entry) => ({
				id: entry.id,
				engagementId: this.#engagementId,
				startsAt: entry.startsAt,
				endsAt: entry.endsAt,
				kind: entry.kind,
				status: entry.status,
				withName: this.#withName,
				phone: this.#phone
			}));
	}
}
