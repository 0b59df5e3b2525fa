import type { AppDatabase } from '../database/app-database';
import { err, ok, type Result } from '../errors';
import { generateLinkToken } from '../ids';
import type { MailQueue } from '../mail-queue/mail-queue';
import { hashSecret } from '../memberships/secret-hash';
import { toPublic, type UserStore } from '../users';
import type { SignupInput } from '../../api/auth';
import type { AuthService, SignedIn } from './auth-service';
import { hashPassword } from './password';
import { confirmSignupEmail, signupExistingEmail } from './signup-emails';

export const SIGNUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;
// One "someone tried to sign up with your email" notice per account per hour, whoever asks.
const EXISTING_NOTICE_MS = 60 * 60 * 1000;

export interface SignupServiceDeps {
	database: AppDatabase;
	users: UserStore;
	auth: Pick<AuthService, 'signInUser'>;
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	/** 'outbox' (no SMTP): the confirmation link is also printed, as invite links are. */
	mailerKind: 'smtp' | 'outbox';
	now?: () => number;
	log?: (line: string) => void;
}

/**
 * Coach sign-up that does not reveal which emails have accounts: every request gets the same
 * answer ("check your email"), after the same work (a password hash, one queued email). A new
 * address is emailed a single-use link that creates the account; an address with an account is
 * emailed a notice that someone tried, so only the address's owner learns either way.
 */
export class SignupService {
	#d: SignupServiceDeps;
	#now: () => number;

	constructor(deps: SignupServiceDeps) {
		this.#d = deps;
		this.#now = deps.now ?? Date.now;
	}

	async request(input: SignupInput, origin: string): Promise<void> {
		// Hashed either way, so the answer takes as long whether or not the address is known.
		const passwordHash = await hashPassword(input.password);
		const { database, users, mailQueue } = this.#d;
		const now = this.#now();
		const existing = await users.byEmail(input.email);
		if (existing) {
			const email = signupExistingEmail({
				to: existing.email,
				name: existing.name,
				signInLink: `${origin}/login`
			});
			const hour = Math.floor(now / EXISTING_NOTICE_MS);
			mailQueue.enqueue(email, {
				userId: existing.id,
				ref: `signup-existing:${existing.id}:${hour}`
			});
		} else {
			const token = generateLinkToken();
			const link = `${origin}/signup/confirm/${token}`;
			await database.db.transaction().execute(async (trx) => {
				// A newer request replaces an older one: only the latest link works.
				await trx.deleteFrom('pending_signups').where('email', '=', input.email).execute();
				await trx
					.insertInto('pending_signups')
					.values({
						token_hash: Buffer.from(hashSecret(token)),
						email: input.email,
						name: input.name,
						password_hash: passwordHash,
						created_at: now,
						expires_at: now + SIGNUP_LINK_TTL_MS
					})
					.execute();
				// The queue still writes through the raw SQLite handle, which on SQLite is this
				// transaction's connection: the email commits with the link (or neither does).
				mailQueue.enqueue(confirmSignupEmail({ to: input.email, name: input.name, link }), {
					userId: null,
					ref: null
				});
			});
			if (this.#d.mailerKind === 'outbox') {
				// Documented dev behaviour, as for invites: without SMTP the link must be visible.
				(this.#d.log ?? console.log)(
					`Sign-up email for ${input.email} queued\n  Confirm link: ${link}`
				);
			}
		}
		void mailQueue.kick();
	}

	/** Uses a confirmation link: creates the coach account and signs it in. Single use (the
	 * row is claimed by one DELETE … RETURNING, so two clicks racing cannot both get it). */
	async confirm(token: string): Promise<Result<SignedIn>> {
		const { database, users } = this.#d;
		const row = await database.db
			.deleteFrom('pending_signups')
			.where('token_hash', '=', Buffer.from(hashSecret(token)))
			.returning(['email', 'name', 'password_hash', 'expires_at'])
			.executeTakeFirst();
		if (!row) {
			return err(
				'not-found',
				'This confirmation link is not valid (it may have been used already). Sign in, or sign up again.'
			);
		}
		if (row.expires_at <= this.#now()) {
			return err('gone', 'This confirmation link has expired. Sign up again to get a new one.');
		}
		const user = await users.create({
			email: row.email,
			name: row.name,
			role: 'coach',
			passwordHash: row.password_hash
		});
		if (!user) {
			return err('conflict', 'An account with this email already exists. Sign in instead.');
		}
		return ok(await this.#d.auth.signInUser(toPublic(user)));
	}

	/** Drops links that expired unused. */
	async sweep(): Promise<void> {
		await this.#d.database.db
			.deleteFrom('pending_signups')
			.where('expires_at', '<=', this.#now())
			.execute();
	}
}
