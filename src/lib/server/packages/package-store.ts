import type { PackageTermsInput } from '../../domain/package-rules';
import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';

/** A package in a coach's catalogue. Archived ones stay: engagements may still name them. */
export interface CatalogPackage extends PackageTermsInput {
	readonly id: string;
	readonly coachId: string;
	readonly createdAt: number;
	readonly archivedAt: number | null;
	/** Clients with this package may book sessions themselves (scheduling). */
	readonly selfBooking: boolean;
}

interface PackageRow {
	id: string;
	coach_id: string;
	name: string;
	sessions_total: number;
	session_minutes: number;
	price_cents: number;
	currency: string;
	no_show_consumes_session: number;
	created_at: number;
	archived_at: number | null;
	self_booking: number;
}

function toPackage(row: PackageRow): CatalogPackage {
	return {
		id: row.id,
		coachId: row.coach_id,
		name: row.name,
		sessionsTotal: row.sessions_total,
		sessionMinutes: row.session_minutes,
		priceCents: row.price_cents,
		currency: row.currency,
		noShowConsumesSession: row.no_show_consumes_session === 1,
		createdAt: row.created_at,
		archivedAt: row.archived_at,
		selfBooking: row.self_booking === 1
	};
}

/** The `packages` table. Every lookup is scoped to the owning coach. */
export class PackageStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	create(coachId: string, terms: PackageTermsInput, selfBooking = false): CatalogPackage {
		const id = generateSecureRandomString();
		this.#db
			.prepare(
				`INSERT INTO packages (id, coach_id, name, sessions_total, session_minutes, price_cents,
				 currency, no_show_consumes_session, created_at, self_booking)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				id,
				coachId,
				terms.name,
				terms.sessionsTotal,
				terms.sessionMinutes,
				terms.priceCents,
				terms.currency,
				terms.noShowConsumesSession ? 1 : 0,
				this.#now(),
				selfBooking ? 1 : 0
			);
		const created = this.forCoach(coachId, id);
		if (!created) {
			throw new Error(`package ${id} vanished after insert`);
		}
		return created;
	}

	/** A package counts as found only for the coach who owns it; archived ones included. */
	forCoach(coachId: string, id: string): CatalogPackage | null {
		const row = this.#db
			.prepare('SELECT * FROM packages WHERE id = ? AND coach_id = ?')
			.get(id, coachId) as PackageRow | undefined;
		return row ? toPackage(row) : null;
	}

	/** The catalogue the coach picks from: not archived, oldest first. */
	listActive(coachId: string): CatalogPackage[] {
		const rows = this.#db
			.prepare(
				`SELECT * FROM packages WHERE coach_id = ? AND archived_at IS NULL
				 ORDER BY created_at, rowid`
			)
			.all(coachId) as PackageRow[];
		return rows.map(toPackage);
	}

	/** Returns false when the package is not the coach's or is archived. */
	update(coachId: string, id: string, terms: PackageTermsInput, selfBooking: boolean): boolean {
		const result = this.#db
			.prepare(
				`UPDATE packages SET name = ?, sessions_total = ?, session_minutes = ?, price_cents = ?,
				 currency = ?, no_show_consumes_session = ?, self_booking = ?
				 WHERE id = ? AND coach_id = ? AND archived_at IS NULL`
			)
			.run(
				terms.name,
				terms.sessionsTotal,
				terms.sessionMinutes,
				terms.priceCents,
				terms.currency,
				terms.noShowConsumesSession ? 1 : 0,
				selfBooking ? 1 : 0,
				id,
				coachId
			);
		return result.changes === 1;
	}

	/** Idempotent: archiving an archived package keeps its first archive time. */
	archive(coachId: string, id: string): boolean {
		const result = this.#db
			.prepare(
				`UPDATE packages SET archived_at = COALESCE(archived_at, ?) WHERE id = ? AND coach_id = ?`
			)
			.run(this.#now(), id, coachId);
		return result.changes === 1;
	}
}
