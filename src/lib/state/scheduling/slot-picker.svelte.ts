import {
	bookSlot,
	listSlots,
	reasonText,
	rescheduleBooking,
	type SchedulingResult
} from './scheduling-request';
import { addDays, groupByDay, horizonDate, todayIn, type DayGroup } from './time';
import type { Booking, Slot, SlotList } from '../../api/scheduling';
import type { BookingKind } from './types';

/** What picking a slot does: book it, or move an existing booking to it. */
export type SlotAction = (
	slot: Slot,
	kind: BookingKind
) => Promise<SchedulingResult<{ booking: Booking }>>;

/**
 * The open slots of one engagement, shown in the viewer's zone. The server decides which slots
 * exist and who gets one; this only lists and asks. A slot taken by someone else a moment
 * earlier comes back as `slot-taken`: the message says so and the list is fetched again.
 *
 *     const picker = new SlotPicker({ engagementId, zone, action: (slot, kind) => bookSlot(...) });
 *     await picker.load();
 *     picker.days; // [{ date: '2026-03-02', items: [slot, …] }]
 *     await picker.pick(slot, 'video');
 */
export class SlotPicker {
	readonly #engagementId: string;
	readonly #zone: string;
	readonly #action: SlotAction;
	readonly #days: number;
	/** First date shown (viewer's zone); null = today. */
	#from = $state<string | null>(null);
	#list = $state<SlotList | null>(null);
	#problem = $state<string | null>(null);
	#offline = $state(false);
	#loading = $state(false);
	#busy = $state(false);
	#booked = $state<Booking | null>(null);

	constructor(options: { engagementId: string; zone: string; action: SlotAction; days?: number }) {
		this.#engagementId = options.engagementId;
		this.#zone = options.zone;
		this.#action = options.action;
		this.#days = options.days ?? 14;
	}

	get zone(): string {
		return this.#zone;
	}

	get days(): DayGroup<Slot>[] {
		return groupByDay(this.#list?.slots ?? [], (slot) => Date.parse(slot.startsAt), this.#zone);
	}

	/** The first and last date of the page shown, in the viewer's zone. */
	get range(): { from: string; to: string } {
		const from = this.#from ?? todayIn(this.#zone);
		return { from, to: addDays(from, this.#days - 1) };
	}

	/** A page before this one is still in the future. */
	get hasEarlier(): boolean {
		return this.range.from > todayIn(this.#zone);
	}

	/** The next page starts within the coach's horizon (`maxDaysAhead`). */
	get hasLater(): boolean {
		const max = this.#list?.maxDaysAhead;
		return max !== undefined && addDays(this.range.to, 1) <= horizonDate(max, this.#zone);
	}

	get maxDaysAhead(): number | null {
		return this.#list?.maxDaysAhead ?? null;
	}

	/** The coach's notice for cancelling or moving (hours), once the server has said. */
	get cancelNoticeHours(): number | null {
		return this.#list?.cancelNoticeHours ?? null;
	}

	async later(): Promise<void> {
		if (this.hasLater) {
			this.#from = addDays(this.range.to, 1);
			await this.load();
		}
	}

	async earlier(): Promise<void> {
		const today = todayIn(this.#zone);
		const from = addDays(this.range.from, -this.#days);
		this.#from = from > today ? from : null;
		await this.load();
	}

	get loaded(): boolean {
		return this.#list !== null;
	}

	/** Null when booking is possible; the server's reason (no sessions left …) otherwise. */
	get blocked(): string | null {
		if (!this.#list || this.#list.canBook) {
			return null;
		}
		return reasonText(this.#list.reason);
	}

	/** The zone the client's browser last reported, once the server has said (coach screens). */
	get clientTimeZone(): string | null {
		return this.#list?.clientTimeZone ?? null;
	}

	get sessionMinutes(): number | null {
		return this.#list?.sessionMinutes ?? null;
	}

	get problem(): string | null {
		return this.#problem;
	}

	/** The last attempt could not reach the server: the picker shows no slots rather than stale ones. */
	get offline(): boolean {
		return this.#offline;
	}

	get loading(): boolean {
		return this.#loading;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** The booking just confirmed, for the confirmation screen. */
	get booked(): Booking | null {
		return this.#booked;
	}

	async load(): Promise<void> {
		if (typeof navigator !== 'undefined' && !navigator.onLine) {
			this.goneOffline();
			return;
		}
		this.#loading = true;
		const { from } = this.range;
		const result = await listSlots({
			engagementId: this.#engagementId,
			from,
			days: this.#days,
			zone: this.#zone
		});
		this.#loading = false;
		this.#offline = !result.ok && result.problem === 'offline';
		if (result.ok) {
			this.#list = result.data;
			this.#problem = null;
		} else {
			this.#problem = result.message;
			// Slots listed before the connection dropped may be gone: never offer them offline.
			if (this.#offline) {
				this.#list = null;
			}
		}
	}

	/** The browser lost its connection: drop the slots, booking needs the server. */
	goneOffline(): void {
		this.#offline = true;
		this.#list = null;
	}

	async pick(slot: Slot, kind: BookingKind): Promise<Booking | null> {
		this.#busy = true;
		this.#problem = null;
		const result = await this.#action(slot, kind);
		this.#busy = false;
		if (result.ok) {
			this.#booked = result.data.booking;
			return result.data.booking;
		}
		this.#problem = result.message;
		if (result.problem === 'offline') {
			this.goneOffline();
		} else {
			// The slot list is stale whatever the refusal was (taken, sessions used up).
			await this.load();
			this.#problem = result.message;
		}
		return null;
	}

	/** Back from the confirmation to the list (for booking another). */
	dismissBooked(): void {
		this.#booked = null;
		void this.load();
	}
}

/** A picker that books a new session in the engagement, in the viewer's zone. */
export function bookingPicker(engagementId: string, zone: string): SlotPicker {
	return new SlotPicker({
		engagementId,
		zone,
		action: (slot, kind) =>
			bookSlot({ engagementId, startsAt: slot.startsAt, kind, timeZone: zone })
	});
}

/** A picker that moves an existing booking to the chosen slot (same kind). */
export function movePicker(
	booking: { id: string; engagementId: string },
	zone: string
): SlotPicker {
	return new SlotPicker({
		engagementId: booking.engagementId,
		zone,
		action: (slot) => rescheduleBooking(booking.id, slot.startsAt, zone)
	});
}
