import type { Db } from '../db';
import type { EngagementStore } from '../memberships/engagement-store';
import type { EngagementEndBookings } from './engagement-end';

export interface EngagementEndSweepDeps {
	db: Db;
	engagements: Pick<EngagementStore, 'byId'>;
	ending: Pick<EngagementEndBookings, 'ended'>;
	now: () => number;
	log?: (message: string, error: unknown) => void;
}

/**
 * Ending an engagement commits the `ended` row first and cancels its future bookings right
 * after (the onEnded listener, engagement-end.ts): two commits, so a crash between them would
 * leave confirmed sessions of an ended engagement behind, still counted, reminded and shown.
 * This sweep finishes that work from SQLite alone. It is idempotent because a cancellation
 * only applies to a booking still confirmed (BookingStore.cancel), so whichever of the
 * listener and the sweep comes second cancels, emails and notifies nothing more.
 *
 *     await sweep.run();           // before each reminder pass, so also once at start
 *     sweep.hasEnded(engagementId) // the reminder pass's last check per booking
 */
export class EngagementEndSweep {
	#d: EngagementEndSweepDeps;

	constructor(deps: EngagementEndSweepDeps) {
		this.#d = deps;
	}

	/** Cancels every confirmed future booking of an ended engagement; resolves with how many. */
	async run(): Promise<number> {
		let cancelled = 0;
		for (const id of this.#leftBehind()) {
			const engagement = this.#d.engagements.byId(id);
			if (engagement?.status !== 'ended') {
				continue;
			}
			try {
				cancelled += (await this.#d.ending.ended(engagement)).length;
			} catch (error) {
				// One engagement's failure must not hold up the others (or the reminder pass).
				this.#log(`sweeping the bookings of ended engagement ${id} failed`, error);
			}
		}
		return cancelled;
	}

	/** One primary-key lookup; a booking whose engagement is gone counts as ended too. */
	hasEnded(engagementId: string): boolean {
		const row = this.#d.db
			.prepare('SELECT status FROM engagements WHERE id = ?')
			.get(engagementId) as { status: string } | undefined;
		return row === undefined || row.status === 'ended';
	}

	/** Ended engagements that still have a confirmed session to come (usually none). */
	#leftBehind(): string[] {
		const rows = this.#d.db
			.prepare(
				`SELECT DISTINCT b.engagement_id AS id
				 FROM bookings b JOIN engagements e ON e.id = b.engagement_id
				 WHERE e.status = 'ended' AND b.status = 'confirmed' AND b.starts_at > ?`
			)
			.all(this.#d.now()) as { id: string }[];
		return rows.map((r) => r.id);
	}

	#log(message: string, error: unknown): void {
		(this.#d.log ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
	}
}
