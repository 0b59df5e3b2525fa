import type { BookingKind, BookingStatus } from '../../domain/scheduling';
import type { BookingRecord } from './booking-store';

/** A booking as the API returns it (instants as ISO UTC). */
export interface BookingView {
	id: string;
	engagementId: string;
	startsAt: string;
	endsAt: string;
	timeZone: string;
	kind: BookingKind;
	status: BookingStatus;
	sequence: number;
	coach: { id: string; name: string };
	client: { id: string; name: string; phone: string | null };
}

export function bookingView(b: BookingRecord): BookingView {
	return {
		id: b.id,
		engagementId: b.engagementId,
		startsAt: new Date(b.startsAt).toISOString(),
		endsAt: new Date(b.endsAt).toISOString(),
		timeZone: b.timeZone,
		kind: b.kind,
		status: b.status,
		sequence: b.sequence,
		coach: { id: b.coachId, name: b.coachName },
		client: { id: b.clientId, name: b.clientName, phone: b.clientPhone }
	};
}
