/**
 * Sessions remaining across purchases. Each purchase (the first package, a renewal, a top-up,
 * complimentary sessions) is a lot of sessions with an optional validity; sessions used and
 * sessions held by bookings are drawn from the oldest lot that is still valid at the session's
 * time and has room. A lot past its expiry counts nothing as remaining. Pure, so coach, client and
 * server compute the same numbers from the same `sub:` document.
 */

import { validityEnd, type PackageValidity } from './package-validity';

export interface SessionLot {
	readonly id: string;
	readonly sessions: number;
	/** Epoch ms the purchase settled: the order lots are drawn in. */
	readonly purchasedAt: number;
	readonly validity: PackageValidity | null;
}

/** A session that takes one from the allowance: a recorded one or one held by a booking. */
export interface SessionDraw {
	readonly id: string;
	/** Epoch ms the session starts (or started). */
	readonly at: number;
}

export interface LotUse {
	readonly id: string;
	readonly sessions: number;
	readonly used: number;
	readonly held: number;
	/** Still usable now: 0 once the lot has expired. */
	readonly remaining: number;
	/** Null while the lot never expires, or before its first session when it counts from there. */
	readonly expiresAt: number | null;
	readonly expired: boolean;
	/** Sessions that expired unused (only once expired). */
	readonly lapsed: number;
}

export interface LotAllowance {
	readonly lots: readonly LotUse[];
	readonly total: number;
	readonly used: number;
	readonly held: number;
	readonly remaining: number;
	/** Draws no valid lot had room for (offline devices recording at once, or no purchase). */
	readonly beyond: number;
	readonly lapsed: number;
	/** The soonest expiry among lots that still have sessions to use, for "use by" notices. */
	readonly nextExpiry: number | null;
}

interface OpenLot {
	lot: SessionLot;
	used: number;
	held: number;
	expiresAt: number | null;
}

const byTime = <T extends { at: number; id: string }>(a: T, b: T) =>
	a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function fits(open: OpenLot, at: number): boolean {
	const room = open.used + open.held < Math.max(0, Math.floor(open.lot.sessions));
	return room && (open.expiresAt === null || at < open.expiresAt);
}

/** Draws every session from the oldest valid lot with room, then reports each lot as of `now`. */
export function allocateSessions(
	lots: readonly SessionLot[],
	used: readonly SessionDraw[],
	held: readonly SessionDraw[],
	now: number
): LotAllowance {
	const open: OpenLot[] = [...lots]
		.sort((a, b) => a.purchasedAt - b.purchasedAt || (a.id < b.id ? -1 : 1))
		.map((lot) => ({
			lot,
			used: 0,
			held: 0,
			expiresAt:
				lot.validity && lot.validity.from === 'purchase'
					? validityEnd(lot.purchasedAt, lot.validity)
					: null
		}));
	const draws = [
		...used.map((draw) => ({ ...draw, kind: 'used' as const })),
		...held.map((draw) => ({ ...draw, kind: 'held' as const }))
	].sort(byTime);
	let beyond = 0;
	for (const draw of draws) {
		const target = open.find((candidate) => fits(candidate, draw.at));
		if (!target) {
			beyond++;
			continue;
		}
		// A validity counted from the first session starts with the first session drawn from it.
		if (target.expiresAt === null && target.lot.validity?.from === 'first-session') {
			target.expiresAt = validityEnd(draw.at, target.lot.validity);
		}
		target[draw.kind]++;
	}
	const uses = open.map(({ lot, used, held, expiresAt }): LotUse => {
		const expired = expiresAt !== null && now >= expiresAt;
		const left = Math.max(0, Math.floor(lot.sessions) - used - held);
		return {
			id: lot.id,
			sessions: lot.sessions,
			used,
			held,
			remaining: expired ? 0 : left,
			expiresAt,
			expired,
			lapsed: expired ? left : 0
		};
	});
	const sum = (pick: (use: LotUse) => number) => uses.reduce((total, use) => total + pick(use), 0);
	const expiries = uses
		.filter((use) => use.remaining > 0 && use.expiresAt !== null)
		.map((use) => use.expiresAt as number);
	return {
		lots: uses,
		total: sum((use) => use.sessions),
		used: sum((use) => use.used),
		held: sum((use) => use.held),
		remaining: sum((use) => use.remaining),
		beyond,
		lapsed: sum((use) => use.lapsed),
		nextExpiry: expiries.length > 0 ? Math.min(...expiries) : null
	};
}
