/**
 * Turns the session form's text fields (the coach's local date and time, a length in minutes)
 * into a ledger input, and back, so the add and correct forms share one set of rules.
 */
import type { SessionInput } from '../../docs/subscription-doc';
import {
	SESSION_KINDS,
	SESSION_OUTCOMES,
	type SessionEntry,
	type SessionKind,
	type SessionOutcome
} from '../../domain/sessions';
import { lengthMinutes } from './ledger-rows';

export interface SessionFields {
	kind: SessionKind;
	/** YYYY-MM-DD in the coach's zone. */
	date: string;
	/** HH:MM in the coach's zone. */
	time: string;
	/** Whole minutes, as typed. */
	minutes: string;
	/** '' until the coach chooses: a new session never starts as "Completed" by default. */
	outcome: SessionOutcome | '';
	note: string;
	/** Given on top of the package (uses nothing up). */
	complimentary: boolean;
	/** The booking whose outcome this records, or null for a session entered by hand. */
	bookingId: string | null;
}

export const MAX_SESSION_MINUTES = 600;
export const MAX_NOTE_LENGTH = 5_000;

const pad = (n: number) => String(n).padStart(2, '0');

export function fieldsFrom(
	entry: Pick<SessionEntry, 'kind' | 'startedAt' | 'endedAt' | 'note'> & {
		outcome: SessionOutcome | '';
		complimentary?: boolean;
		bookingId?: string | null;
	},
	defaultMinutes = 60
): SessionFields {
	const start = new Date(entry.startedAt);
	const minutes = entry.endedAt === null ? null : lengthMinutes(entry as SessionEntry);
	return {
		kind: entry.kind,
		date: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
		time: `${pad(start.getHours())}:${pad(start.getMinutes())}`,
		minutes: String(minutes ?? defaultMinutes),
		outcome: entry.outcome,
		note: entry.note,
		complimentary: entry.complimentary ?? false,
		bookingId: entry.bookingId ?? null
	};
}

/**
 * The add-session form's starting point: today, no time and no outcome, so a session is only
 * recorded once the coach has said when it was and how it went (one stray click records nothing).
 */
export function blankFields(sessionMinutes: number, now = Date.now()): SessionFields {
	const today = new Date(now);
	return {
		kind: 'video',
		date: `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`,
		time: '',
		minutes: String(sessionMinutes > 0 ? sessionMinutes : 60),
		outcome: '',
		note: '',
		complimentary: false,
		bookingId: null
	};
}

/** A ledger input, or a sentence saying what to fix. */
export function inputFrom(fields: SessionFields, now = Date.now()): SessionInput | string {
	const outcome = fields.outcome;
	if (outcome === '') {
		return 'Choose how the session went: completed, no-show or technical failure.';
	}
	if (!SESSION_KINDS.includes(fields.kind) || !SESSION_OUTCOMES.includes(outcome)) {
		return 'Choose the kind of session and its outcome.';
	}
	if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date) || !/^\d{2}:\d{2}$/.test(fields.time)) {
		return 'Enter the date and time the session started.';
	}
	// No zone suffix: the browser reads it as the coach's local time, which is what they typed.
	const startedAt = new Date(`${fields.date}T${fields.time}`).getTime();
	if (!Number.isFinite(startedAt)) {
		return 'Enter the date and time the session started.';
	}
	if (startedAt > now + 24 * 60 * 60_000) {
		return 'A session can be recorded once it has happened, not in the future.';
	}
	const minutes = Number(fields.minutes);
	if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SESSION_MINUTES) {
		return `The length must be a whole number of minutes, 1 to ${MAX_SESSION_MINUTES}.`;
	}
	if (fields.note.length > MAX_NOTE_LENGTH) {
		return `The note is too long (up to ${MAX_NOTE_LENGTH} characters).`;
	}
	return {
		kind: fields.kind,
		startedAt,
		endedAt: startedAt + minutes * 60_000,
		outcome,
		note: fields.note.trim(),
		complimentary: fields.complimentary,
		bookingId: fields.bookingId
	};
}

/** What the call page hands over in the record page's query (see docs/sessions-ledger.md). */
export interface RecordPrefill {
	kind: SessionKind;
	startedAt: number;
	endedAt: number;
	booking: string | null;
}

/** `?kind=video|audio|phone&startedAt=<ms>&endedAt=<ms>[&booking=<id>]`, or null if unusable. */
export function recordPrefill(params: URLSearchParams): RecordPrefill | null {
	const kind = params.get('kind');
	const startedAt = Number(params.get('startedAt'));
	const endedAt = Number(params.get('endedAt'));
	if (!SESSION_KINDS.includes(kind as SessionKind) || !params.get('startedAt')) {
		return null;
	}
	if (!Number.isSafeInteger(startedAt) || startedAt <= 0) {
		return null;
	}
	const end = Number.isSafeInteger(endedAt) && endedAt >= startedAt ? endedAt : startedAt;
	return { kind: kind as SessionKind, startedAt, endedAt: end, booking: params.get('booking') };
}
