import { deviceSummary } from '../../domain/device-summary';
import type { PublicUser } from '../../domain/account';
import type { Db } from '../db';
import type { MailQueue } from '../mail-queue/mail-queue';
import { hashSecret } from '../memberships/secret-hash';
import { newDeviceEmail } from './password-emails';

/**
 * Remembers the browsers (device cookies, stored as SHA-256) each account signed in from with
 * its password, and emails the owner when a new one does. The account's first device is only
 * remembered: signing up, or the first sign-in after this existed, is not news.
 */
export class NewDeviceNotices {
	#db: Db;
	#mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	#now: () => number;

	constructor(deps: {
		db: Db;
		mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
		now?: () => number;
	}) {
		this.#db = deps.db;
		this.#mailQueue = deps.mailQueue;
		this.#now = deps.now ?? Date.now;
	}

	/** After a password sign-in from `deviceId`; true if the owner was emailed. */
	signedIn(user: PublicUser, deviceId: string, userAgent: string, origin: string): boolean {
		const db = this.#db;
		const now = this.#now();
		const emailed = db.transaction(() => {
			const added = db
				.prepare(
					'INSERT INTO known_devices (user_id, device_hash, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
				)
				.run(user.id, hashSecret(deviceId), now);
			if (added.changes === 0) {
				return false;
			}
			const { n } = db
				.prepare('SELECT count(*) AS n FROM known_devices WHERE user_id = ?')
				.get(user.id) as { n: number };
			if (n === 1) {
				return false;
			}
			const email = newDeviceEmail({
				to: user.email,
				name: user.name,
				device: deviceSummary(userAgent),
				at: new Date(now),
				forgotLink: `${origin}/forgot-password`
			});
			this.#mailQueue.enqueue(email, { userId: user.id, ref: null });
			return true;
		})();
		if (emailed) {
			void this.#mailQueue.kick();
		}
		return emailed;
	}
}
