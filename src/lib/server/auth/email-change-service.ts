import { emailProblem, normalizeEmail, type PublicUser } from '../../domain/account';
import type { Db } from '../db';
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
	db: Db;
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
		const user = this.#d.users.byId(userId);
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
		if (this.#d.users.byEmail(newEmail)) {
			return ok(null);
		}
		const { db, mailQueue } = this.#d;
		const token = generateLinkToken();
		const now = this.#now();
		db.transaction(() => {
			db.prepare('DELETE FROM email_changes WHERE user_id = ?').run(user.id);
			db.prepare(
				'INSERT INTO email_changes (token_hash, user_id, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
			).run(hashSecret(token), user.id, newEmail, now, now + EMAIL_CHANGE_TTL_MS);
			mailQueue.enqueue(
				confirmNewEmailEmail({
					to: newEmail,
					name: user.name,
					link: `${origin}/confirm-email/${token}`
				}),
				{ userId: user.id, ref: null }
			);
		})();
		void mailQueue.kick();
		return ok(null);
	}

	/** Uses the link from the new address: single use; the old address is told. */
	confirm(token: string, origin: string): Result<PublicUser> {
		const { db, users, mailQueue } = this.#d;
		const hash = hashSecret(token);
		const row = db
			.prepare('SELECT user_id, new_email, expires_at FROM email_changes WHERE token_hash = ?')
			.get(hash) as { user_id: string; new_email: string; expires_at: number } | undefined;
		if (!row) {
			return err(
				'not-found',
				'This confirmation link is not valid (it may have been used already). Ask for the change again in Settings.'
			);
		}
		db.prepare('DELETE FROM email_changes WHERE token_hash = ?').run(hash);
		if (row.expires_at <= this.#now()) {
			return err(
				'gone',
				'This confirmation link has expired. Ask for the change again in Settings.'
			);
		}
		const before = users.byId(row.user_id);
		if (!before) {
			return err('not-found', 'This account no longer exists.');
		}
		const changed = db.transaction(() => {
			if (!users.setEmail(before.id, row.new_email)) {
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
		})();
		if (!changed) {
			return err('conflict', 'Another account has this email now. Choose another address.');
		}
		void mailQueue.kick();
		return ok(toPublic(users.byId(before.id)!));
	}

	sweep(): void {
		this.#d.db.prepare('DELETE FROM email_changes WHERE expires_at <= ?').run(this.#now());
		this.#throttle.sweep(throttleRules.account.windowMs);
	}
}
