/**
 * The `bookings` map of `sub:<engagementId>`: id → the booking as both sides show it offline.
 * Written only by the server (it is the authority for slots) through its in-process document
 * API; browsers read it. Each write replaces the whole entry, and an entry never goes back to an
 * older `sequence`, so a late, replayed write cannot undo a reschedule or a cancellation.
 */
import type * as Y from 'yjs';
import {
	BOOKING_KINDS,
	BOOKING_STATUSES,
	type BookingKind,
	type BookingStatus
} from '../domain/scheduling';
import { write, type Actor } from './actor';
import { isRecord, num, oneOf, text } from './fields';
import { done, refused, type WriteResult } from './result';

export interface BookingEntry {
	readonly id: string;
	/** Epoch ms (UTC). */
	readonly startsAt: number;
	readonly endsAt: number;
	/** The zone the booking was chosen in. */
	readonly timeZone: string;
	readonly kind: BookingKind;
	readonly status: BookingStatus;
	readonly sequence: number;
	readonly updatedAt: number;
}

export type BookingInput = Omit<BookingEntry, 'updatedAt'>;

const bookingsMap = (doc: Y.Doc) => doc.getMap<unknown>('bookings');
const importedMap = (doc: Y.Doc) => doc.getMap<unknown>('importedBookings');

/**
 * What an import does to a restored `sub:` document (the import worker applies it without a
 * schema of its own): bookings made on the server the export came from move from `bookings` to
 * `importedBookings`. This server has no record of them, so as live entries they would offer
 * Reschedule and Cancel ("No such booking") and hold no slot; as history they are shown as
 * sessions booked before the move.
 */
export const IMPORT_ARCHIVE = { from: 'bookings', to: 'importedBookings' } as const;

function toBooking(value: unknown): BookingEntry | null {
	if (!isRecord(value) || typeof value.id !== 'string') {
		return null;
	}
	return Object.freeze({
		id: value.id,
		startsAt: num(value, 'startsAt'),
		endsAt: num(value, 'endsAt'),
		timeZone: text(value, 'timeZone', 'UTC'),
		kind: oneOf(value, 'kind', BOOKING_KINDS, 'video'),
		status: oneOf(value, 'status', BOOKING_STATUSES, 'confirmed'),
		sequence: num(value, 'sequence'),
		updatedAt: num(value, 'updatedAt')
	});
}

/** Every booking, cancelled ones included, by start time. */
export function listBookings(doc: Y.Doc): readonly BookingEntry[] {
	const out: BookingEntry[] = [];
	for (const value of bookingsMap(doc).values()) {
		const entry = toBooking(value);
		if (entry) {
			out.push(entry);
		}
	}
	return Object.freeze(out.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id)));
}

/** Bookings an import brought from another server (see IMPORT_ARCHIVE): history, by start time. */
export function listImportedBookings(doc: Y.Doc): readonly BookingEntry[] {
	const out: BookingEntry[] = [];
	for (const value of importedMap(doc).values()) {
		const entry = toBooking(value);
		if (entry) {
			out.push(entry);
		}
	}
	return Object.freeze(out.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id)));
}

function bookingProblem(input: BookingInput): string | null {
	if (
		!input.id ||
		!BOOKING_KINDS.includes(input.kind) ||
		!BOOKING_STATUSES.includes(input.status)
	) {
		return 'A booking needs an id, a known kind and a known status.';
	}
	if (!Number.isFinite(input.startsAt) || !(input.endsAt > input.startsAt)) {
		return 'A booking must end after it starts.';
	}
	return Number.isInteger(input.sequence) && input.sequence >= 0 ? null : 'Bad sequence.';
}

function isSame(a: BookingEntry, b: BookingInput): boolean {
	return (
		a.sequence === b.sequence &&
		a.status === b.status &&
		a.startsAt === b.startsAt &&
		a.endsAt === b.endsAt &&
		a.kind === b.kind &&
		a.timeZone === b.timeZone
	);
}

/**
 * Writes one booking; returns false (and writes nothing) when the document already has it or a
 * newer version of it (higher sequence), so re-writing all bookings of an engagement is cheap.
 */
export function upsertBooking(doc: Y.Doc, actor: Actor, input: BookingInput): WriteResult<boolean> {
	const problem = bookingProblem(input);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const current = toBooking(bookingsMap(doc).get(input.id));
	if (current && (current.sequence > input.sequence || isSame(current, input))) {
		return done(false);
	}
	write(doc, actor, () => {
		bookingsMap(doc).set(input.id, {
			id: input.id,
			startsAt: input.startsAt,
			endsAt: input.endsAt,
			timeZone: input.timeZone,
			kind: input.kind,
			status: input.status,
			sequence: input.sequence,
			updatedAt: actor.now()
		} satisfies BookingEntry);
	});
	return done(true);
}
