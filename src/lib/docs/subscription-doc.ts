/**
 * The typed schema of `sub:<engagementId>`: the package and the session ledger. The coach
 * writes, the client reads (the sync server enforces that), so nothing here needs to merge
 * edits from both sides; the ledger is still append-only so history survives offline devices.
 *
 *     import * as sub from '../docs/subscription-doc';
 *     sub.recordSession(doc, coach, { kind: 'video', startedAt, endedAt, outcome: 'completed' });
 *     sub.usage(doc).remaining;
 */
import type * as Y from 'yjs';
import {
	SESSION_KINDS,
	SESSION_OUTCOMES,
	effectiveSessions,
	originalIdOf,
	packageProblem,
	recordingProblem,
	resolveCorrections,
	sessionUsage,
	type SessionEntry,
	type SessionKind,
	type SessionOutcome,
	type SessionPackage,
	type SessionUsage
} from '../domain/sessions';
import { write, type Actor } from './actor';
import { bool, isRecord, mapFields, num, numOrNull, oneOf, text, textOrNull } from './fields';
import { listBookings } from './subscription-bookings';
import { META, runMigrations, type Migration, type MigrationReport } from './migrations';
import { done, refused, type WriteResult } from './result';
import { defineTopLevel, type TopLevelShape } from './top-level';

export { onDocChange as onChange } from './change';
export {
	IMPORT_ARCHIVE,
	listBookings,
	listImportedBookings,
	upsertBooking,
	type BookingEntry,
	type BookingInput
} from './subscription-bookings';

export const TOP_LEVEL = {
	package: 'map',
	sessions: 'array',
	bookings: 'map',
	[META]: 'map'
} as const satisfies TopLevelShape;

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'declare package, sessions and meta',
		up: (doc) => defineTopLevel(doc, TOP_LEVEL)
	},
	{
		version: 2,
		description: 'add bookings (written by the server, the authority for slots)',
		up: (doc) => void doc.getMap('bookings')
	}
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(doc: Y.Doc): MigrationReport {
	defineTopLevel(doc, TOP_LEVEL);
	return runMigrations(doc, MIGRATIONS);
}

const packageMap = (doc: Y.Doc) => doc.getMap<unknown>('package');
const sessionsArray = (doc: Y.Doc) => doc.getArray<unknown>('sessions');

/** The package, or null until the coach has set one. */
export function readPackage(doc: Y.Doc): SessionPackage | null {
	const fields = mapFields(packageMap(doc));
	if (typeof fields.name !== 'string') {
		return null;
	}
	return Object.freeze({
		name: fields.name,
		sessionsTotal: num(fields, 'sessionsTotal'),
		sessionMinutes: num(fields, 'sessionMinutes'),
		priceCents: num(fields, 'priceCents'),
		currency: text(fields, 'currency'),
		noShowConsumesSession: bool(fields, 'noShowConsumesSession'),
		updatedAt: num(fields, 'updatedAt'),
		updatedBy: text(fields, 'updatedBy')
	});
}

export type PackageInput = Omit<SessionPackage, 'updatedAt' | 'updatedBy'>;

/** Whether the client may book sessions themselves (off unless the package says so). */
export function readSelfBooking(doc: Y.Doc): boolean {
	return packageMap(doc).get('selfBooking') === true;
}

/** Kept beside the package terms; set with them when a package is assigned. */
export function setSelfBooking(doc: Y.Doc, actor: Actor, on: boolean): WriteResult {
	write(doc, actor, () => packageMap(doc).set('selfBooking', on));
	return done(null);
}

/** Sets every package field in one transaction (a package is edited as a whole form). */
export function setPackage(doc: Y.Doc, actor: Actor, input: PackageInput): WriteResult {
	const problem = packageProblem(input);
	if (problem) {
		return refused('invalid-input', problem);
	}
	write(doc, actor, () => {
		const map = packageMap(doc);
		map.set('name', input.name.trim());
		map.set('sessionsTotal', input.sessionsTotal);
		map.set('sessionMinutes', input.sessionMinutes);
		map.set('priceCents', input.priceCents);
		map.set('currency', input.currency);
		map.set('noShowConsumesSession', input.noShowConsumesSession);
		map.set('updatedAt', actor.now());
		map.set('updatedBy', actor.userId);
	});
	return done(null);
}

function toEntry(value: unknown): SessionEntry | null {
	if (!isRecord(value) || typeof value.id !== 'string') {
		return null;
	}
	return Object.freeze({
		id: value.id,
		kind: oneOf(value, 'kind', SESSION_KINDS, 'video'),
		startedAt: num(value, 'startedAt'),
		endedAt: numOrNull(value, 'endedAt'),
		outcome: oneOf(value, 'outcome', SESSION_OUTCOMES, 'completed'),
		note: text(value, 'note'),
		recordedBy: text(value, 'recordedBy'),
		recordedAt: num(value, 'recordedAt'),
		corrects: textOrNull(value, 'corrects'),
		// Entries written before bookings were linked have neither field: hand-recorded, counted.
		bookingId: textOrNull(value, 'bookingId'),
		complimentary: value.complimentary === true
	});
}

/** The whole ledger in array order, corrections and corrected entries included. */
export function listLedger(doc: Y.Doc): readonly SessionEntry[] {
	const entries: SessionEntry[] = [];
	for (const value of sessionsArray(doc).toArray()) {
		const entry = toEntry(value);
		if (entry) {
			entries.push(entry);
		}
	}
	return Object.freeze(entries);
}

/** The sessions that count, corrections applied, oldest first. */
export function listSessions(doc: Y.Doc): readonly SessionEntry[] {
	return Object.freeze(effectiveSessions(listLedger(doc)));
}

/** Used, booked (held by bookings without an outcome) and remaining, as both sides show them. */
export function usage(doc: Y.Doc): SessionUsage {
	return sessionUsage(listLedger(doc), readPackage(doc), listBookings(doc));
}

export interface SessionInput {
	kind: SessionKind;
	startedAt: number;
	endedAt?: number | null;
	outcome: SessionOutcome;
	note?: string;
	/** The booking whose outcome this records (its session was held since it was booked). */
	bookingId?: string | null;
	/** A deliberate extra on top of the package: uses nothing up. */
	complimentary?: boolean;
}

function sessionProblem(input: SessionInput): string | null {
	if (!SESSION_KINDS.includes(input.kind) || !SESSION_OUTCOMES.includes(input.outcome)) {
		return 'Unknown session kind or outcome.';
	}
	if (!Number.isFinite(input.startedAt)) {
		return 'The session needs a start time.';
	}
	if (input.endedAt != null && !(input.endedAt >= input.startedAt)) {
		return 'A session cannot end before it starts.';
	}
	return (input.note?.length ?? 0) > 5_000 ? 'The note is too long.' : null;
}

function appendEntry(
	doc: Y.Doc,
	actor: Actor,
	input: SessionInput & { corrects: string | null }
): WriteResult<string> {
	const problem = sessionProblem(input);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const entry = {
		id: actor.newId(),
		kind: input.kind,
		startedAt: input.startedAt,
		endedAt: input.endedAt ?? null,
		outcome: input.outcome,
		note: input.note?.trim() ?? '',
		recordedBy: actor.userId,
		recordedAt: actor.now(),
		corrects: input.corrects,
		bookingId: input.bookingId ?? null,
		complimentary: input.complimentary ?? false
	} satisfies SessionEntry;
	write(doc, actor, () => sessionsArray(doc).push([entry]));
	return done(entry.id);
}

/**
 * Appends a session. Refused when it would use up a session the package no longer has (every
 * one used or held by a booking): record it against its booking, or mark it complimentary.
 */
export function recordSession(doc: Y.Doc, actor: Actor, input: SessionInput): WriteResult<string> {
	const ledger = listLedger(doc);
	const bookingId = input.bookingId ?? null;
	if (bookingId !== null) {
		const problem = bookingProblemOf(doc, ledger, bookingId);
		if (problem) {
			return refused('invalid-input', problem);
		}
	}
	const pkg = readPackage(doc);
	const over = recordingProblem(sessionUsage(ledger, pkg, listBookings(doc)), pkg, {
		outcome: input.outcome,
		complimentary: input.complimentary ?? false,
		bookingId
	});
	if (over) {
		return refused('invalid-input', over);
	}
	return appendEntry(doc, actor, { ...input, corrects: null });
}

function bookingProblemOf(
	doc: Y.Doc,
	ledger: readonly SessionEntry[],
	bookingId: string
): string | null {
	const booking = listBookings(doc).find((b) => b.id === bookingId);
	if (!booking || booking.status !== 'confirmed') {
		return 'That booking is not in the schedule (or was cancelled).';
	}
	return [...resolveCorrections(ledger).values()].some((e) => e.bookingId === bookingId)
		? 'The outcome of that booked session is already recorded; correct it instead.'
		: null;
}

/**
 * Appends a correction; the original stays in the ledger. `sessionId` may be any entry of a
 * chain: the correction targets the chain's current effective entry, so a device that already
 * knows of a correction extends the chain instead of forking it. Omitted fields keep the
 * effective entry's values.
 */
export function correctSession(
	doc: Y.Doc,
	actor: Actor,
	input: { sessionId: string } & Partial<SessionInput>
): WriteResult<string> {
	const ledger = listLedger(doc);
	const target = currentOfChain(ledger, input.sessionId);
	if (!target) {
		return refused('not-found', 'That session is not in the ledger.');
	}
	return appendEntry(doc, actor, {
		kind: input.kind ?? target.kind,
		startedAt: input.startedAt ?? target.startedAt,
		endedAt: input.endedAt === undefined ? target.endedAt : input.endedAt,
		outcome: input.outcome ?? target.outcome,
		note: input.note ?? target.note,
		// A correction changes what happened, not which booking it was.
		bookingId: target.bookingId,
		complimentary: input.complimentary ?? target.complimentary,
		corrects: target.id
	});
}

function currentOfChain(ledger: readonly SessionEntry[], id: string): SessionEntry | null {
	const originalId = originalIdOf(ledger, id);
	return originalId === null ? null : (resolveCorrections(ledger).get(originalId) ?? null);
}
