import { emailProblem, normalizeEmail, type PublicUser } from '../../domain/account';
import type { AppDatabase } from '../database/app-database';
import { err, ok, type Result } from '../errors';
import { generateLinkToken } from '../ids';
import type { MailQueue } from '../mail-queue/mail-queue';
import { hashSecret } from '../memberships/secret-hash';
import { toPublic, type UserStore } from '../users';
import { throttleRules } from './auth-service';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './password';
import { confirmNewEmailEmail, emailChangedEmail } from './password-emails';

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

export interface EmailChangeDeps {
	database: AppDatabase;
	users: UserStore;
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	now?: () => number;
}

/**
 * Changing the account's email: asked for with the password, confirmed from the new address by
 * an emailed single-use link (SHA-256 stored, 24 h), and the old address is told once it is done.
 * A new address that already has an account gets no link; the answer is the same (202), so the
 * form does not reveal which addresses have accounts.
 */
export class EmailChangeService {
	#d: EmailChangeDeps;
	#now: () => number;
	#throttle: LoginThrottle;

	constructor(deps: EmailChangeDeps) {
		this.#d = deps;
		this.#now = deps.now ?? Date.now;
		this.#throttle = new LoginThrottle(this.#now);
	}

	async request(
		userId: string,
		input: { newEmail: string; password: string },
		origin: string
	): Promise<Result<null>> {
		const newEmail = normalizeEmail(input.newEmail);
		const problem = emailProblem(newEmail);
		if (problem) {
			return err('invalid-input', problem, { fields: { newEmail: problem } });
		}
		const key = `email:${userId}`;
		const wait = this.#throttle.retryAfterSeconds(key, throttleRules.account);
		if (wait > 0) {
			return err('rate-limited', 'Too many wrong passwords. Try again later.', {
				retryAfterSeconds: wait
			});
		}
		const user = await this.#d.users.byId(userId);
		if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
			this.#throttle.recordFailure(key, throttleRules.account);
			const message = 'That password is not right.';
			return err('invalid-credentials', message, { fields: { password: message } });
		}
		this.#throttle.reset(key);
		if (newEmail === user.email) {
			const message = 'That is already your email.';
			return err('invalid-input', message, { fields: { newEmail: message } });
		}
		if (await this.#d.users.byEmail(newEmail)) {
			return ok(null);
		}
		const { database, mailQueue } = this.#d;
		const token = generateLinkToken();
		const now = this.#now();
		await database.db.transaction().execute(async (trx) => {
			await trx.deleteFrom('email_changes').where('user_id', '=', user.id).execute();
			await trx
				.insertInto('email_changes')
				.values({
					token_hash: Buffer.from(hashSecret(token)),
					user_id: user.id,
					new_email: newEmail,
					created_at: now,
					expires_at: now + EMAIL_CHANGE_TTL_MS
				})
				.execute();
			// The queue's raw SQLite handle is this transaction's connection on SQLite.
			mailQueue.enqueue(
				confirmNewEmailEmail({
					to: newEmail,
					name: user.name,
					link: `${origin}/confirm-email/${token}`
				}),
				{ userId: user.id, ref: null }
			);
		});
		void mailQueue.kick();
		return ok(null);
	}

	/** Uses the link from the new address: single use (claimed by DELETE … RETURNING); the old
	 * address is told. */
	async confirm(token: string, origin: string): Promise<Result<PublicUser>> {
		const { database, users, mailQueue } = this.#d;
		const row = await database.db
			.deleteFrom('email_changes')
			.where('token_hash', '=', Buffer.from(hashSecret(token)))
			.returning(['user_id', 'new_email', 'expires_at'])
			.executeTakeFirst();
		if (!row) {
			return err(
				'not-found',
				'This confirmation link is not valid (it may have been used already). Ask for the change again in Settings.'
			);
		}
		if (row.expires_at <= this.#now()) {
			return err(
				'gone',
				'This confirmation link has expired. Ask for the change again in Settings.'
			);
		}
		const before = await users.byId(row.user_id);
		if (!before) {
			return err('not-found', 'This account no longer exists.');
		}
		const changed = await database.db.transaction().execute(async (trx) => {
			if (!(await users.setEmail(before.id, row.new_email, trx))) {
				return false;
			}
			mailQueue.enqueue(
				emailChangedEmail({
					to: before.email,
					name: before.name,
					newEmail: row.new_email,
					forgotLink: `${origin}/forgot-password`
				}),
				{ userId: before.id, ref: null }
			);
			return true;
		});
		if (!changed) {
			return err('conflict', 'Another account has this email now. Choose another address.');
		}
		void mailQueue.kick();
		return ok(toPublic((await users.byId(before.id))!));
	}

	async sweep(): Promise<void> {
		await this.#d.database.db
			.deleteFrom('email_changes')
			.where('expires_at', '<=', this.#now())
			.execute();
		this.#throttle.sweep(throttleRules.account.windowMs);
	}
}
