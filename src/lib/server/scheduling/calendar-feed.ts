import type { CalendarFeedLink } from '../../api/scheduling';
import type { PublicUser } from '../../domain/account';
import type { AppDatabase } from '../database/app-database';
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
	database: AppDatabase;
	bookings: Pick<BookingStore, 'forUser'>;
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
	async status(user: PublicUser, origin: string): Promise<CalendarFeedLink & { url: string }> {
		const row = await this.#d.database.db
			.selectFrom('calendar_feeds')
			.select('token_sealed')
			.where('user_id', '=', user.id)
			.executeTakeFirst();
		const token = row?.token_sealed ? this.#d.seal.open(row.token_sealed) : null;
		return { url: token ? feedUrl(origin, token) : await this.rotate(user, origin), active: true };
	}

	async rotate(user: PublicUser, origin: string): Promise<string> {
		const token = generateLinkToken();
		const row = {
			token_hash: Buffer.from(hashSecret(token)),
			token_sealed: this.#d.seal.seal(token),
			created_at: this.#d.now()
		};
		await this.#d.database.db
			.insertInto('calendar_feeds')
			.values({ user_id: user.id, ...row })
			.onConflict((oc) => oc.column('user_id').doUpdateSet(row))
			.execute();
		return feedUrl(origin, token);
	}

	async revoke(user: PublicUser): Promise<void> {
		await this.#d.database.db.deleteFrom('calendar_feeds').where('user_id', '=', user.id).execute();
	}

	/** The feed for a presented token, or null for an unknown, rotated or revoked one. */
	async render(token: string): Promise<string | null> {
		if (!TOKEN.test(token)) {
			return null;
		}
		const row = await this.#d.database.db
			.selectFrom('calendar_feeds')
			.select('user_id as userId')
			.where('token_hash', '=', Buffer.from(hashSecret(token)))
			.executeTakeFirst();
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
