import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './db';
import { migrations } from './migrations';

describe('migration 3', () => {
	it('moves session_count of existing packages into sessions_total with default terms', () => {
		const db = new Database(':memory:');
		db.exec(migrations[0]!);
		db.exec(migrations[1]!);
		db.pragma('user_version = 2');
		db.prepare(
			`INSERT INTO users (id, email, name, role, password_hash, created_at)
			 VALUES ('u', 'c@example.com', 'C', 'coach', 'x', 0)`
		).run();
		db.prepare(
			`INSERT INTO packages (id, coach_id, name, session_count, created_at)
			 VALUES ('p1', 'u', 'Six', 6, 1), ('p2', 'u', 'Open', NULL, 2)`
		).run();

		migrate(db);

		expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
		expect(db.prepare('SELECT * FROM packages ORDER BY id').all()).toEqual([
			{
				id: 'p1',
				coach_id: 'u',
				name: 'Six',
				created_at: 1,
				sessions_total: 6,
				session_minutes: 60,
				price_cents: 0,
				currency: 'EUR',
				no_show_consumes_session: 0,
				archived_at: null,
				// Added later by the scheduling migration (6).
				self_booking: 0
			},
			expect.objectContaining({ id: 'p2', sessions_total: 0 })
		]);
		db.close();
	});
});
