import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';

export type EngagementStatus = 'pending' | 'active' | 'ended';

/** One coach-client pair. Until the invite is accepted the client exists only as a name and email. */
export interface Engagement {
	id: string;
	coachId: string;
	coachName: string;
	clientId: string | null;
	/** The client's account name once active, the invited name before. */
	clientName: string;
	clientEmail: string;
	clientType: string | null;
	/** The client's own phone number (set on their profile), for phone sessions. */
	clientPhone: string | null;
	packageId: string | null;
	/** The catalogue name of that package (archived ones included). */
	packageName: string | null;
	status: EngagementStatus;
}

interface EngagementRow {
	id: string;
	coach_id: string;
	coach_name: string;
	client_id: string | null;
	client_name: string;
	client_email: string;
	client_type: string | null;
	client_phone: string | null;
	package_id: string | null;
	package_name: string | null;
	status: EngagementStatus;
}

// Joined so listings show the client's own account name and email once they have one.
const SELECT = `
	SELECT e.id, e.coach_id, coach.name AS coach_name, e.client_id,
		COALESCE(client.name, e.invited_name) AS client_name,
		COALESCE(client.email, e.invited_email) AS client_email,
		e.client_type, client.phone AS client_phone, e.package_id, pkg.name AS package_name, e.status
	FROM engagements e
	JOIN users coach ON coach.id = e.coach_id
	LEFT JOIN users client ON client.id = e.client_id
	LEFT JOIN packages pkg ON pkg.id = e.package_id`;

function toEngagement(row: EngagementRow): Engagement {
	return {
		id: row.id,
		coachId: row.coach_id,
		coachName: row.coach_name,
		clientId: row.client_id,
		clientName: row.client_name,
		clientEmail: row.client_email,
		clientType: row.client_type,
		clientPhone: row.client_phone,
		packageId: row.package_id,
		packageName: row.package_name,
		status: row.status
	};
}

export class EngagementStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	createPending(input: {
		coachId: string;
		email: string;
		name: string;
		clientType: string | null;
		packageId: string | null;
	}): string {
		const id = generateSecureRandomString();
		this.#db
			.prepare(
				`INSERT INTO engagements
				 (id, coach_id, invited_email, invited_name, client_type, package_id, status, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`
			)
			.run(
				id,
				input.coachId,
				input.email,
				input.name,
				input.clientType,
				input.packageId,
				this.#now()
			);
		return id;
	}

	/**
	 * Updates what the coach said about a client still to accept (a re-sent invite). A re-invite
	 * without a package keeps the one already assigned: it is in the `sub:` document too.
	 */
	updatePending(
		id: string,
		input: { name: string; clientType: string | null; packageId: string | null }
	): void {
		this.#db
			.prepare(
				`UPDATE engagements SET invited_name = ?, client_type = ?,
				 package_id = COALESCE(?, package_id)
				 WHERE id = ? AND status = 'pending'`
			)
			.run(input.name, input.clientType, input.packageId, id);
	}

	/** Records which catalogue package the engagement's `sub:` document was given. */
	setPackage(id: string, packageId: string): void {
		this.#db.prepare('UPDATE engagements SET package_id = ? WHERE id = ?').run(packageId, id);
	}

	/** Returns false when the engagement was no longer pending (accepted or ended meanwhile). */
	activate(id: string, clientId: string): boolean {
		const result = this.#db
			.prepare(
				`UPDATE engagements SET status = 'active', client_id = ?, activated_at = ?
				 WHERE id = ? AND status = 'pending'`
			)
			.run(clientId, this.#now(), id);
		return result.changes === 1;
	}

	end(id: string): boolean {
		const result = this.#db
			.prepare(
				`UPDATE engagements SET status = 'ended', ended_at = ? WHERE id = ? AND status != 'ended'`
			)
			.run(this.#now(), id);
		return result.changes === 1;
	}

	byId(id: string): Engagement | null {
		const row = this.#db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as EngagementRow | undefined;
		return row ? toEngagement(row) : null;
	}

	forCoach(coachId: string): Engagement[] {
		const rows = this.#db
			.prepare(`${SELECT} WHERE e.coach_id = ? ORDER BY e.created_at, e.id`)
			.all(coachId) as EngagementRow[];
		return rows.map(toEngagement);
	}

	/** A client sees only engagements they are in now: pending ones are not theirs yet. */
	activeForClient(clientId: string): Engagement[] {
		const rows = this.#db
			.prepare(
				`${SELECT} WHERE e.client_id = ? AND e.status = 'active' ORDER BY e.activated_at, e.id`
			)
			.all(clientId) as EngagementRow[];
		return rows.map(toEngagement);
	}

	/** Whether this email already belongs to an active client of this coach. */
	hasActiveClient(coachId: string, email: string): boolean {
		const row = this.#db
			.prepare(
				`SELECT 1 FROM engagements e JOIN users u ON u.id = e.client_id
				 WHERE e.coach_id = ? AND e.status = 'active' AND u.email = ?`
			)
			.get(coachId, email);
		return row !== undefined;
	}
}
