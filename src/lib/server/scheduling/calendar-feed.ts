import type { CalendarFeedLink } from '../../api/scheduling';
import type { PublicUser } from '../../domain/account';
import type { Db } from '../db';
import { generateLinkToken } from '../ids';
import { hashSecret } from '../memberships/secret-hash';
import { bookingEvent } from './booking-mail';
import type { BookingStore } from './booking-store';
import type { FeedSeal } from './feed-seal';
import { icsCalendar } from './ics';

const DAY = 86_400_000;
/** The feed shows a month back (so a cancelled session disappears) and a year ahead. */
const PAST_DAYS = 31;
const FUTURE_DAYS = 366;
const TOKEN = /^[a-z2-7]{40,60}$/;

const feedUrl = (origin: string, token: string) => `${origin}/calendar/${token}.ics`;

export interface FeedDeps {
	db: Db;
	bookings: BookingStore;
	seal: FeedSeal;
	now: () => number;
}

/**
 * Private calendar feed per user: a secret URL (256 random bits, looked up by SHA-256 like invite
 * tokens, kept otherwise only sealed; see FeedSeal) that calendar apps poll without a cookie.
 * Rotating replaces the secret, so the old URL stops working at once; revoking removes it.
 */
export class CalendarFeeds {
	#d: FeedDeps;

	constructor(deps: FeedDeps) {
		this.#d = deps;
	}

	/** The feed link, created on first ask and the same on every later one until rotated. */
	status(user: PublicUser, origin: string): CalendarFeedLink {
		const row = this.#d.db
			.prepare('SELECT token_sealed AS sealed FROM calendar_feeds WHERE user_id = ?')
			.get(user.id) as { sealed: Uint8Array | null } | undefined;
		const token = row?.sealed ? this.#d.seal.open(row.sealed) : null;
		return { url: token ? feedUrl(origin, token) : this.rotate(user, origin), active: true };
	}

	rotate(user: PublicUser, origin: string): string {
		const token = generateLinkToken();
		this.#d.db
			.prepare(
				`INSERT INTO calendar_feeds (user_id, token_hash, token_sealed, created_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,
				 token_sealed = excluded.token_sealed, created_at = excluded.created_at`
			)
			.run(user.id, hashSecret(token), this.#d.seal.seal(token), this.#d.now());
		return feedUrl(origin, token);
	}

	revoke(user: PublicUser): void {
		this.#d.db.prepare('DELETE FROM calendar_feeds WHERE user_id = ?').run(user.id);
	}

	/** The feed for a presented token, or null for an unknown, rotated or revoked one. */
	render(token: string): string | null {
		if (!TOKEN.test(token)) {
			return null;
		}
		const row = this.#d.db
			.prepare('SELECT user_id AS userId FROM calendar_feeds WHERE token_hash = ?')
			.get(hashSecret(token)) as { userId: string } | undefined;
		if (!row) {
			return null;
		}
		const now = this.#d.now();
		const bookings = this.#d.bookings.forUser(
			row.userId,
			now - PAST_DAYS * DAY,
			now + FUTURE_DAYS * DAY
		);
		const events = bookings.map((b) =>
			bookingEvent(b, b.coachId === row.userId ? 'coach' : 'client', b.updatedAt, null)
		);
		return icsCalendar(events, { name: 'Tandem sessions' });
	}
}
