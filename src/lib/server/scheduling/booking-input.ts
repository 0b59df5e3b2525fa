import { isBookingKind, isIsoDate, isTimeZone, type BookingKind } from '../../domain/scheduling';
import { err, ok, type Result } from '../errors';

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An ISO-8601 instant with an explicit offset or Z, as epoch ms. */
export function readInstant(value: unknown): number | null {
	if (typeof value !== 'string' || !/(Z|[+-]\d\d:\d\d)$/.test(value)) {
		return null;
	}
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : null;
}

export interface BookingRequest {
	startsAt: number;
	kind: BookingKind;
	timeZone: string;
}

export function parseBookingRequest(body: unknown): Result<BookingRequest> {
	if (!isRecord(body)) {
		return err('invalid-input', 'Send { "startsAt", "kind", "timeZone" }.');
	}
	const startsAt = readInstant(body.startsAt);
	if (startsAt === null) {
		return err(
			'invalid-input',
			'"startsAt" must be an ISO time with a zone, e.g. 2026-03-30T08:00:00Z.'
		);
	}
	if (!isBookingKind(body.kind)) {
		return err('invalid-input', '"kind" must be "video", "audio" or "phone".');
	}
	if (typeof body.timeZone !== 'string' || !isTimeZone(body.timeZone)) {
		return err('invalid-input', '"timeZone" must be an IANA zone such as "Europe/Berlin".');
	}
	return ok({ startsAt, kind: body.kind, timeZone: body.timeZone });
}

export function parseReschedule(
	body: unknown
): Result<{ startsAt: number; timeZone: string | null }> {
	const startsAt = isRecord(body) ? readInstant(body.startsAt) : null;
	if (startsAt === null) {
		return err('invalid-input', 'Send { "startsAt": "<ISO time>" }.');
	}
	const zone = isRecord(body) ? body.timeZone : undefined;
	if (zone !== undefined && (typeof zone !== 'string' || !isTimeZone(zone))) {
		return err('invalid-input', '"timeZone" must be an IANA zone such as "Europe/Berlin".');
	}
	return ok({ startsAt, timeZone: typeof zone === 'string' ? zone : null });
}

export function parseCancel(body: unknown): Result<{ reason: string | null }> {
	const reason = isRecord(body) ? body.reason : undefined;
	if (
		reason !== undefined &&
		reason !== null &&
		(typeof reason !== 'string' || reason.length > 1000)
	) {
		return err('invalid-input', '"reason" must be text of at most 1000 characters.');
	}
	return ok({ reason: typeof reason === 'string' && reason.trim() ? reason.trim() : null });
}

export const MAX_SLOT_DAYS = 62;

export interface SlotRequest {
	/** YYYY-MM-DD in `timeZone`, or null for today there. */
	from: string | null;
	days: number;
	/** The viewer's zone for the day boundaries; null = the coach's. */
	timeZone: string | null;
}

export function parseSlotQuery(params: URLSearchParams): Result<SlotRequest> {
	const from = params.get('from');
	if (from !== null && !isIsoDate(from)) {
		return err('invalid-input', '"from" must be a date like 2026-03-30.');
	}
	const daysText = params.get('days') ?? '7';
	const days = Number(daysText);
	if (!Number.isInteger(days) || days < 1 || days > MAX_SLOT_DAYS) {
		return err('invalid-input', `"days" must be a whole number from 1 to ${MAX_SLOT_DAYS}.`);
	}
	const zone = params.get('timeZone');
	if (zone !== null && !isTimeZone(zone)) {
		return err('invalid-input', '"timeZone" must be an IANA zone such as "Europe/Berlin".');
	}
	return ok({ from, days, timeZone: zone });
}

/** `from`/`to` of GET /api/bookings: ISO instants; defaults to the next 60 days. */
export function parseRange(
	params: URLSearchParams,
	now: number
): Result<{ from: number; to: number }> {
	const fromText = params.get('from');
	const toText = params.get('to');
	const from = fromText === null ? now - 86_400_000 : readInstant(fromText);
	const to = toText === null ? now + 60 * 86_400_000 : readInstant(toText);
	if (from === null || to === null || to <= from) {
		return err(
			'invalid-input',
			'"from" and "to" must be ISO times with a zone, "from" before "to".'
		);
	}
	if (to - from > 400 * 86_400_000) {
		return err('invalid-input', 'Ask for at most 400 days at once.');
	}
	return ok({ from, to });
}
