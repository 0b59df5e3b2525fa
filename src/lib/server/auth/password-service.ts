import { passwordProblem } from '../../domain/account';
import type { AppDatabase } from '../database/app-database';
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
	database: AppDatabase;
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
	async requestReset(email: string, origin: string, clientAddress: string): Promise<Result<null>> {
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
		const user = await this.#d.users.byEmail(email);
		if (!user) {
			return ok(null);
		}
		const { database, mailQueue } = this.#d;
		const token = generateLinkToken();
		const link = `${origin}/reset-password/${token}`;
		const now = this.#now();
		await database.db.transaction().execute(async (trx) => {
			// Only the newest link works.
			await trx.deleteFrom('password_resets').where('user_id', '=', user.id).execute();
			await trx
				.insertInto('password_resets')
				.values({
					token_hash: Buffer.from(hashSecret(token)),
					user_id: user.id,
					created_at: now,
					expires_at: now + RESET_LINK_TTL_MS
				})
				.execute();
			// The queue's raw SQLite handle is this transaction's connection on SQLite.
			mailQueue.enqueue(resetPasswordEmail({ to: user.email, name: user.name, link }), {
				userId: user.id,
				ref: null
			});
		});
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
		const { database, users, sessions } = this.#d;
		// Claimed after the (slow) hash by one DELETE … RETURNING: two submits racing cannot
		// both use the link.
		const row = await database.db
			.deleteFrom('password_resets')
			.where('token_hash', '=', Buffer.from(hashSecret(token)))
			.returning(['user_id', 'expires_at'])
			.executeTakeFirst();
		if (!row) {
			return err(
				'not-found',
				'This reset link is not valid (it may have been used already). Ask for a new one.'
			);
		}
		if (row.expires_at <= this.#now()) {
			return err('gone', 'This reset link has expired. Ask for a new one.');
		}
		const user = await users.byId(row.user_id);
		if (!user) {
			return err('not-found', 'This account no longer exists.');
		}
		await users.setPasswordHash(user.id, passwordHash);
		await sessions.invalidateAllForUser(user.id);
		this.#notifyChanged(user, origin);
		return ok(await this.#d.auth.signInUser(toPublic(user), userAgent));
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
		const user = await this.#d.users.byId(userId);
		if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
			this.#throttle.recordFailure(key, throttleRules.account);
			const message = 'Your current password is not right.';
			return err('invalid-credentials', message, { fields: { currentPassword: message } });
		}
		this.#throttle.reset(key);
		await this.#d.users.setPasswordHash(user.id, await hashPassword(input.newPassword));
		await this.#d.sessions.invalidateOthersForUser(user.id, sessionId);
		this.#notifyChanged(user, origin);
		return ok(null);
	}

	/** Drops links that expired unused, and throttle counts that aged out. */
	async sweep(): Promise<void> {
		await this.#d.database.db
			.deleteFrom('password_resets')
			.where('expires_at', '<=', this.#now())
			.execute();
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
