import { isCurrencyCode } from './currency';

/**
 * The session ledger's rules: which entries count, how many sessions a package has left.
 * Pure functions over plain data, so the browser, the server and tests agree by construction.
 */

export type SessionKind = 'video' | 'audio' | 'phone';
export type SessionOutcome = 'completed' | 'no-show' | 'technical-failure';

export const SESSION_KINDS: readonly SessionKind[] = ['video', 'audio', 'phone'];
export const SESSION_OUTCOMES: readonly SessionOutcome[] = [
	'completed',
	'no-show',
	'technical-failure'
];

/** One ledger entry as stored in `sub:<id>` → `sessions`. Times are ms since the epoch (UTC). */
export interface SessionEntry {
	readonly id: string;
	readonly kind: SessionKind;
	readonly startedAt: number;
	readonly endedAt: number | null;
	readonly outcome: SessionOutcome;
	readonly note: string;
	readonly recordedBy: string;
	readonly recordedAt: number;
	/** Set on a correction: the id of the entry it replaces. Absent (null) on an original. */
	readonly corrects: string | null;
	/** The booking this entry records the outcome of, or null for a session recorded by hand. */
	readonly bookingId: string | null;
	/** Given on top of the package on purpose: never uses up a session. */
	readonly complimentary: boolean;
}

/** The part of a booking the allowance needs (from SQLite on the server, `sub:` in browsers). */
export interface BookedSlot {
	readonly id: string;
	readonly status: 'confirmed' | 'cancelled';
	readonly startsAt: number;
	readonly endsAt: number;
}

/** The part of a package the rules need. */
export interface PackageTerms {
	readonly sessionsTotal: number;
	readonly noShowConsumesSession: boolean;
}

export interface SessionUsage {
	/** Sessions the package grants; 0 when there is no package. */
	readonly total: number;
	/** Sessions consumed by effective entries (exceeds total only if offline devices raced). */
	readonly used: number;
	/** Confirmed bookings whose outcome is not recorded yet (past ones too): each holds a session. */
	readonly booked: number;
	/** total - used - booked, never below 0: what can still be booked or recorded. */
	readonly remaining: number;
	/** used + booked beyond total (offline devices recording at once), else 0. */
	readonly beyond: number;
	readonly complimentary: number;
	readonly completed: number;
	readonly noShows: number;
	readonly technicalFailures: number;
	/** startedAt of the latest effective completed session, or null if none. */
	readonly lastSessionAt: number | null;
}

// Concurrent corrections of one entry are possible (two devices offline): the later record wins,
// ties broken by id, so every replica picks the same one without coordination.
function laterRecord(a: SessionEntry, b: SessionEntry): SessionEntry {
	if (a.recordedAt !== b.recordedAt) {
		return a.recordedAt > b.recordedAt ? a : b;
	}
	return a.id > b.id ? a : b;
}

/**
 * The entries that count, keyed by the original they stand for: for every original (no
 * `corrects`), follow its chain of corrections to the end, taking the winning correction at each
 * step. Corrections of unknown ids (and forged cycles) are reachable from no original: ignored.
 */
export function resolveCorrections(entries: readonly SessionEntry[]): Map<string, SessionEntry> {
	const correctionsOf = new Map<string, SessionEntry>();
	for (const entry of entries) {
		if (entry.corrects === null) {
			continue;
		}
		const current = correctionsOf.get(entry.corrects);
		correctionsOf.set(entry.corrects, current ? laterRecord(current, entry) : entry);
	}
	const result = new Map<string, SessionEntry>();
	for (const entry of entries) {
		if (entry.corrects !== null) {
			continue;
		}
		let effective = entry;
		// Bounded by the number of entries, whatever the data says.
		for (let step = 0; step < entries.length; step++) {
			const next = correctionsOf.get(effective.id);
			if (!next) {
				break;
			}
			effective = next;
		}
		result.set(entry.id, effective);
	}
	return result;
}

/** The effective entries in startedAt order (ties by id), independent of array order. */
export function effectiveSessions(entries: readonly SessionEntry[]): SessionEntry[] {
	return [...resolveCorrections(entries).values()].sort(
		(a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1)
	);
}

/** The id of the original an entry (original or correction) belongs to, or null if none. */
export function originalIdOf(entries: readonly SessionEntry[], id: string): string | null {
	const byId = new Map(entries.map((entry) => [entry.id, entry]));
	let cursor = byId.get(id);
	for (let step = 0; cursor && cursor.corrects !== null && step < entries.length; step++) {
		cursor = byId.get(cursor.corrects);
	}
	return cursor && cursor.corrects === null ? cursor.id : null;
}

/** Whether one effective entry uses up a session of the package. */
export function consumesSession(
	entry: Pick<SessionEntry, 'outcome' | 'complimentary'>,
	terms: PackageTerms | null
): boolean {
	// A complimentary session is the coach's gift on top of the package.
	if (entry.complimentary) {
		return false;
	}
	switch (entry.outcome) {
		case 'completed':
			return true;
		// Whether a missed session is forfeited is the coach's policy, set on the package.
		case 'no-show':
			return terms?.noShowConsumesSession ?? false;
		// A call that failed for technical reasons is never the client's loss.
		case 'technical-failure':
			return false;
	}
}

function validTotal(terms: PackageTerms | null): number {
	const total = terms?.sessionsTotal ?? 0;
	return Number.isFinite(total) && total > 0 ? Math.floor(total) : 0;
}

/** Bookings linked from an effective entry (corrections keep the link): their outcome is recorded. */
export function recordedBookingIds(entries: readonly SessionEntry[]): Set<string> {
	const ids = new Set<string>();
	for (const entry of resolveCorrections(entries).values()) {
		if (entry.bookingId !== null) {
			ids.add(entry.bookingId);
		}
	}
	return ids;
}

/**
 * Confirmed bookings that still hold a session: not cancelled and no outcome recorded, whether
 * they are ahead or already past (a past booking keeps its session until the coach records what
 * happened, so an unrecorded session cannot be booked twice).
 */
export function heldBookings<B extends BookedSlot>(
	entries: readonly SessionEntry[],
	bookings: readonly B[]
): B[] {
	const recorded = recordedBookingIds(entries);
	return bookings.filter((b) => b.status === 'confirmed' && !recorded.has(b.id));
}

/** Booked sessions that have started and wait for their outcome, oldest first. */
export function awaitingOutcome<B extends BookedSlot>(
	entries: readonly SessionEntry[],
	bookings: readonly B[],
	now: number
): B[] {
	return heldBookings(entries, bookings)
		.filter((b) => b.startsAt <= now)
		.sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * `bookings`: the engagement's bookings (any status); confirmed ones without a recorded outcome
 * hold a session each. Without a package nothing is counted against an allowance.
 */
export function sessionUsage(
	entries: readonly SessionEntry[],
	terms: PackageTerms | null,
	bookings: readonly BookedSlot[] = []
): SessionUsage {
	const effective = effectiveSessions(entries);
	let used = 0;
	let complimentary = 0;
	let lastSessionAt: number | null = null;
	const count = { completed: 0, 'no-show': 0, 'technical-failure': 0 };
	for (const entry of effective) {
		count[entry.outcome] += 1;
		if (consumesSession(entry, terms)) {
			used += 1;
		}
		if (entry.complimentary) {
			complimentary += 1;
		}
		if (entry.outcome === 'completed') {
			lastSessionAt = Math.max(lastSessionAt ?? entry.startedAt, entry.startedAt);
		}
	}
	const total = validTotal(terms);
	const booked = heldBookings(entries, bookings).length;
	return {
		total,
		used,
		booked,
		remaining: Math.max(0, total - used - booked),
		beyond: terms ? Math.max(0, used + booked - total) : 0,
		complimentary,
		completed: count.completed,
		noShows: count['no-show'],
		technicalFailures: count['technical-failure'],
		lastSessionAt
	};
}

/**
 * Why recording this would overdraw the package, or null. A session booked in advance already
 * holds its place; one recorded by hand needs a free session, or must be marked complimentary
 * (a deliberate gift). Without a package nothing is counted, so nothing is refused.
 */
export function recordingProblem(
	usage: SessionUsage,
	terms: PackageTerms | null,
	input: Pick<SessionEntry, 'outcome' | 'complimentary' | 'bookingId'>
): string | null {
	if (!terms || input.bookingId !== null || !consumesSession(input, terms)) {
		return null;
	}
	return usage.remaining > 0
		? null
		: usage.booked > 0
			? 'Every session left in the package is booked: record the outcome of a booked session, or mark this one complimentary.'
			: 'No sessions are left in the package: mark this session complimentary to record it anyway.';
}

/** Sessions completed (corrections applied), for "n sessions together" summaries. */
export function completedSessionCount(entries: readonly SessionEntry[]): number {
	return effectiveSessions(entries).filter((entry) => entry.outcome === 'completed').length;
}

/** startedAt of the latest completed session, or null. */
export function lastSessionAt(entries: readonly SessionEntry[]): number | null {
	return sessionUsage(entries, null).lastSessionAt;
}

/** The package a client bought, stored in `sub:<id>` → `package`. */
export interface SessionPackage extends PackageTerms {
	readonly name: string;
	readonly sessionMinutes: number;
	/** Price in the currency's minor unit (cents), an integer. */
	readonly priceCents: number;
	/** ISO 4217 code, e.g. 'EUR'. */
	readonly currency: string;
	readonly updatedAt: number;
	readonly updatedBy: string;
}

export function packageProblem(
	pkg: Omit<SessionPackage, 'updatedAt' | 'updatedBy'>
): string | null {
	if (pkg.name.trim().length === 0 || pkg.name.length > 200) {
		return 'Give the package a name (up to 200 characters).';
	}
	if (!Number.isInteger(pkg.sessionsTotal) || pkg.sessionsTotal < 0) {
		return 'The number of sessions must be a whole number, 0 or more.';
	}
	if (!Number.isInteger(pkg.sessionMinutes) || pkg.sessionMinutes <= 0) {
		return 'Session length must be a whole number of minutes.';
	}
	if (!Number.isInteger(pkg.priceCents) || pkg.priceCents < 0) {
		return 'The price must be a whole number of cents, 0 or more.';
	}
	return isCurrencyCode(pkg.currency)
		? null
		: 'Use a currency code from ISO 4217, like EUR or USD.';
}
