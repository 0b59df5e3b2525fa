import { deviceSummary } from '../../domain/device-summary';
import type { PublicUser } from '../../domain/account';
import type { AppDatabase } from '../database/app-database';
import type { MailQueue } from '../mail-queue/mail-queue';
import { hashSecret } from '../memberships/secret-hash';
import { newDeviceEmail } from './password-emails';

/**
 * Remembers the browsers (device cookies, stored as SHA-256) each account signed in from with
 * its password, and emails the owner when a new one does. The account's first device is only
 * remembered: signing up, or the first sign-in after this existed, is not news.
 */
export class NewDeviceNotices {
	#db: AppDatabase['db'];
	#mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	#now: () => number;

	constructor(deps: {
		database: AppDatabase;
		mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
		now?: () => number;
	}) {
		this.#db = deps.database.db;
		this.#mailQueue = deps.mailQueue;
		this.#now = deps.now ?? Date.now;
	}

	/** After a password sign-in from `deviceId`; true if the owner was emailed. */
	async signedIn(
		user: PublicUser,
		deviceId: string,
		userAgent: string,
		origin: string
	): Promise<boolean> {
		const now = this.#now();
		const emailed = await this.#db.transaction().execute(async (trx) => {
			const added = await trx
				.insertInto('known_devices')
				.values({
					user_id: user.id,
					device_hash: Buffer.from(hashSecret(deviceId)),
					first_seen_at: now
				})
				.onConflict((oc) => oc.doNothing())
				.executeTakeFirst();
			if (!added.numInsertedOrUpdatedRows) {
				return false;
			}
			const { n } = await trx
				.selectFrom('known_devices')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('user_id', '=', user.id)
				.executeTakeFirstOrThrow();
			if (Number(n) === 1) {
				return false;
			}
			const email = newDeviceEmail({
				to: user.email,
				name: user.name,
				device: deviceSummary(userAgent),
				at: new Date(now),
				forgotLink: `${origin}/forgot-password`
			});
			// The queue's raw SQLite handle is this transaction's connection on SQLite.
			this.#mailQueue.enqueue(email, { userId: user.id, ref: null });
			return true;
		});
		if (emailed) {
			void this.#mailQueue.kick();
		}
		return emailed;
	}
}
