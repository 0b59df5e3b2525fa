import { loadCopy, saveCopy } from '../clients/request-json';
import { cancelBooking, listBookingsBetween } from './scheduling-request';
import {
	agendaRange,
	bucketAgenda,
	shiftAnchor,
	todayIn,
	type AgendaView,
	type DayGroup
} from './time';
import type { Booking } from '../../api/scheduling';
import { toItem, type BookingItem } from './types';

interface SavedBookings {
	bookings: Booking[];
	fetchedAt: number;
}

const isSaved = (value: unknown): value is SavedBookings =>
	Array.isArray((value as Partial<SavedBookings> | null)?.bookings);

/** How far ahead "Upcoming" looks. */
const UPCOMING_DAYS = 90;
// Sessions still running started at most this long ago (the longest package session is 8 h).
const ONGOING_MS = 8 * 3_600_000;

/**
 * The coach's bookings across all clients, from the server, for the agenda (a day or a week)
 * and the "Upcoming & ongoing" list. The last list fetched is kept on the device so the
 * schedule still reads offline.
 *
 *     const agenda = new CoachAgenda({ userId, zone });
 *     await agenda.load();
 *     agenda.days; agenda.upcoming(clock.now);
 */
export class CoachAgenda {
	readonly #zone: string;
	readonly #copyKey: string;
	#view = $state<AgendaView>('week');
	#anchor = $state('');
	#saved = $state<SavedBookings | null>(null);
	#offline = $state(false);
	#problem = $state<string | null>(null);

	constructor(options: { userId: string; zone: string }) {
		this.#zone = options.zone;
		this.#anchor = todayIn(options.zone);
		this.#copyKey = `tandem.bookings:${options.userId}`;
		this.#saved = loadCopy(this.#copyKey, isSaved);
	}

	get zone(): string {
		return this.#zone;
	}

	get view(): AgendaView {
		return this.#view;
	}

	get anchor(): string {
		return this.#anchor;
	}

	get offline(): boolean {
		return this.#offline;
	}

	get problem(): string | null {
		return this.#problem;
	}

	get items(): BookingItem[] {
		return (this.#saved?.bookings ?? [])
			.map((booking) => toItem(booking, 'coach'))
			.filter((item) => item.status === 'confirmed');
	}

	/** Every day of the current view with the sessions that start on it, in the coach's zone. */
	get days(): DayGroup<BookingItem>[] {
		return bucketAgenda({
			view: this.#view,
			anchor: this.#anchor,
			zone: this.#zone,
			items: this.items,
			startOf: (item) => item.startsAt
		});
	}

	/** Sessions not yet over, soonest first. */
	upcoming(now: number): BookingItem[] {
		return this.items.filter((item) => item.endsAt > now).sort((a, b) => a.startsAt - b.startsAt);
	}

	// Each move fetches again: a week far from today is outside the last fetch's window.
	show(view: AgendaView): Promise<void> {
		this.#view = view;
		return this.load();
	}

	step(direction: 1 | -1): Promise<void> {
		this.#anchor = shiftAnchor(this.#anchor, this.#view, direction);
		return this.load();
	}

	today(): Promise<void> {
		this.#anchor = todayIn(this.#zone);
		return this.load();
	}

	/**
	 * One fetch covers the visible view and the upcoming window, so moving between weeks near
	 * today needs no new request; the list is reloaded after every change.
	 */
	async load(now = Date.now()): Promise<void> {
		const range = agendaRange(this.#view, this.#anchor, this.#zone);
		const from = Math.min(range.from, now - ONGOING_MS);
		const to = Math.max(range.to, now + UPCOMING_DAYS * 86_400_000);
		const result = await listBookingsBetween(from, to);
		this.#offline = !result.ok && result.problem === 'offline';
		this.#problem = result.ok ? null : result.message;
		if (result.ok) {
			this.#saved = { bookings: result.data.bookings, fetchedAt: Date.now() };
			saveCopy(this.#copyKey, this.#saved);
		}
	}

	async cancel(id: string): Promise<string | null> {
		const result = await cancelBooking(id);
		if (!result.ok) {
			return result.message;
		}
		await this.load();
		return null;
	}
}
