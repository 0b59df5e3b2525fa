import type { BookingKind, BookingStatus } from '../../domain/scheduling';
import type { BookingRecord } from './booking-store';

/** A `bookings` row joined with both people (names, emails, the client's phone and zone). */
export interface BookingRow {
	id: string;
	engagement_id: string;
	coach_id: string;
	coach_name: string;
	coach_email: string;
	client_id: string;
	client_name: string;
	client_email: string;
	client_phone: string | null;
	client_time_zone: string | null;
	starts_at: number;
	ends_at: number;
	time_zone: string;
	kind: BookingKind;
	status: BookingStatus;
	sequence: number;
	updated_at: number;
}

export function toRecord(row: BookingRow): BookingRecord {
	return {
		id: row.id,
		engagementId: row.engagement_id,
		coachId: row.coach_id,
		coachName: row.coach_name,
		coachEmail: row.coach_email,
		clientId: row.client_id,
		clientName: row.client_name,
		clientEmail: row.client_email,
		clientPhone: row.client_phone,
		clientTimeZone: row.client_time_zone,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		timeZone: row.time_zone,
		kind: row.kind,
		status: row.status,
		sequence: row.sequence,
		updatedAt: row.updated_at
	};
}

// Both names and the client's phone (for phone sessions) come along with every booking.
export const SELECT = `
	SELECT b.*, coach.name AS coach_name, coach.email AS coach_email,
		client.name AS client_name, client.email AS client_email,
		client.phone AS client_phone, client.time_zone AS client_time_zone
	FROM bookings b
	JOIN users coach ON coach.id = b.coach_id
	JOIN users client ON client.id = b.client_id`;
