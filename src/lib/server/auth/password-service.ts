import { passwordProblem } from '../../domain/account';
import type { Db } from '../db';
import { err, ok, type Result } from '../errors';
import { generateLinkToken } from '../ids';
import type { MailQueue } from '../mail-queue/mail-queue';
import { hashSecret } from '../memberships/secret-hash';
import { toPublic, type UserStore } from '../users';
import type { AuthService, SignedIn } from './auth-service';
import { throttleRules } from './auth-service';
import { LoginThrottle, type ThrottleRule } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { passwordChangedEmail, resetPasswordEmail } from './password-emails';
import type { SessionStore } from './session-store';

export const RESET_LINK_TTL_MS = 60 * 60 * 1000;

/** Reset requests cost an email each: a few per address an hour, more per network address. */
export const resetRequestRules = {
	perEmail: { maxFailures: 5, windowMs: 60 * 60 * 1000 },
	perAddress: { maxFailures: 30, windowMs: 60 * 60 * 1000 }
} satisfies Record<string, ThrottleRule>;

export interface PasswordServiceDeps {
	db: Db;
	users: UserStore;
	sessions: Pick<SessionStore, 'invalidateAllForUser' | 'invalidateOthersForUser'>;
	auth: Pick<AuthService, 'signInUser'>;
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	/** 'outbox' (no SMTP): the reset link is also printed, as sign-up links are. */
	mailerKind: 'smtp' | 'outbox';
	now?: () => number;
	log?: (line: string) => void;
}

/**
 * Forgotten and changed passwords. A reset request answers the same whether or not the address
 * has an account (only its owner gets an email); the emailed link is single use, lasts an hour,
 * is stored as SHA-256 only (like invite links), and ends every other session when used.
 */
export class PasswordService {
	#d: PasswordServiceDeps;
	#now: () => number;
	#throttle: LoginThrottle;

	constructor(deps: PasswordServiceDeps) {
		this.#d = deps;
		this.#now = deps.now ?? Date.now;
		this.#throttle = new LoginThrottle(this.#now);
	}

	/** Emails a reset link to `email` if it has an account; the caller answers the same either way. */
	requestReset(email: string, origin: string, clientAddress: string): Result<null> {
		const emailKey = `reset:${email}`;
		const addressKey = `reset-from:${clientAddress}`;
		const wait = Math.max(
			this.#throttle.retryAfterSeconds(emailKey, resetRequestRules.perEmail),
			this.#throttle.retryAfterSeconds(addressKey, resetRequestRules.perAddress)
		);
		if (wait > 0) {
			// Counted for unknown addresses too, so the limit reveals nothing about accounts.
			return err('rate-limited', 'Too many reset requests. Try again later.', {
				retryAfterSeconds: wait
			});
		}
		this.#throttle.recordFailure(emailKey, resetRequestRules.perEmail);
		this.#throttle.recordFailure(addressKey, resetRequestRules.perAddress);
		const user = this.#d.users.byEmail(email);
		if (!user) {
			return ok(null);
		}
		const { db, mailQueue } = this.#d;
		const token = generateLinkToken();
		const link = `${origin}/reset-password/${token}`;
		const now = this.#now();
		db.transaction(() => {
			// Only the newest link works.
			db.prepare('DELETE FROM password_resets WHERE user_id = ?').run(user.id);
			db.prepare(
				'INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
			).run(hashSecret(token), user.id, now, now + RESET_LINK_TTL_MS);
			mailQueue.enqueue(resetPasswordEmail({ to: user.email, name: user.name, link }), {
				userId: user.id,
				ref: null
			});
		})();
		if (this.#d.mailerKind === 'outbox') {
			(this.#d.log ?? console.log)(
				`Password reset email for ${email} queued\n  Reset link: ${link}`
			);
		}
		void mailQueue.kick();
		return ok(null);
	}

	/** Uses a reset link: sets the password, ends every session, signs this device in. */
	async reset(
		token: string,
		newPassword: string,
		origin: string,
		userAgent = ''
	): Promise<Result<SignedIn>> {
		const problem = passwordProblem(newPassword);
		if (problem) {
			return err('invalid-input', problem);
		}
		const passwordHash = await hashPassword(newPassword);
		const { db, users, sessions } = this.#d;
		const hash = hashSecret(token);
		// Looked up and consumed after the (slow) hash, in one synchronous step: two submits
		// racing cannot both use the link.
		const row = db
			.prepare('SELECT user_id, expires_at FROM password_resets WHERE token_hash = ?')
			.get(hash) as { user_id: string; expires_at: number } | undefined;
		if (!row) {
			return err(
				'not-found',
				'This reset link is not valid (it may have been used already). Ask for a new one.'
			);
		}
		db.prepare('DELETE FROM password_resets WHERE token_hash = ?').run(hash);
		if (row.expires_at <= this.#now()) {
			return err('gone', 'This reset link has expired. Ask for a new one.');
		}
		const user = users.byId(row.user_id);
		if (!user) {
			return err('not-found', 'This account no longer exists.');
		}
		users.setPasswordHash(user.id, passwordHash);
		sessions.invalidateAllForUser(user.id);
		this.#notifyChanged(user, origin);
		return ok(this.#d.auth.signInUser(toPublic(user), userAgent));
	}

	/** Changes the password of a signed-in user, who proves it with the current one; other sessions end. */
	async change(
		userId: string,
		sessionId: string,
		input: { currentPassword: string; newPassword: string },
		origin: string
	): Promise<Result<null>> {
		const key = `password:${userId}`;
		const wait = this.#throttle.retryAfterSeconds(key, throttleRules.account);
		if (wait > 0) {
			return err('rate-limited', 'Too many wrong passwords. Try again later.', {
				retryAfterSeconds: wait
			});
		}
		const problem = passwordProblem(input.newPassword);
		if (problem) {
			return err('invalid-input', problem, { fields: { newPassword: problem } });
		}
		const user = this.#d.users.byId(userId);
		if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
			this.#throttle.recordFailure(key, throttleRules.account);
			const message = 'Your current password is not right.';
			return err('invalid-credentials', message, { fields: { currentPassword: message } });
		}
		this.#throttle.reset(key);
		this.#d.users.setPasswordHash(user.id, await hashPassword(input.newPassword));
		this.#d.sessions.invalidateOthersForUser(user.id, sessionId);
		this.#notifyChanged(user, origin);
		return ok(null);
	}

	/** Drops links that expired unused, and throttle counts that aged out. */
	sweep(): void {
		this.#d.db.prepare('DELETE FROM password_resets WHERE expires_at <= ?').run(this.#now());
		this.#throttle.sweep(60 * 60 * 1000);
	}

	#notifyChanged(user: { id: string; email: string; name: string }, origin: string): void {
		const email = passwordChangedEmail({
			to: user.email,
			name: user.name,
			forgotLink: `${origin}/forgot-password`
		});
		this.#d.mailQueue.enqueue(email, { userId: user.id, ref: null });
		void this.#d.mailQueue.kick();
	}
}
