import { passwordProblem, type PublicUser } from '../../domain/account';
import type { AuthService, SignedIn } from '../auth/auth-service';
import { hashPassword } from '../auth/password';
import type { AppDatabase, Transaction } from '../database/app-database';
import { err, failure, ok, type Failure, type Result } from '../errors';
import { toPublic, type UserStore } from '../users';
import type { EngagementStore } from './engagement-store';
import type { AcceptInput } from '../../api/invites';
import type { Invite, InviteStore } from './invite-store';
import type { InviteService } from './invite-service';

export interface Accepted {
	signedIn: SignedIn;
	engagementId: string;
}

/** Thrown only inside a transaction to roll it back; carries the failure out. */
class Rollback extends Error {
	constructor(readonly failure: Failure) {
		super(failure.message);
	}
}

const USED = failure('gone', 'This invitation has already been used. Sign in instead.');

export interface InviteAcceptanceDeps {
	database: AppDatabase;
	users: UserStore;
	invites: InviteStore;
	engagements: EngagementStore;
	inviteService: InviteService;
	auth: AuthService;
}

/**
 * Accepting an invite: a new email gets a client account, an email with a client account signs in
 * with its password and gains the engagement, a coach's email is refused. The invite is consumed
 * and the engagement activated in one transaction, so a link accepted twice at once wins once.
 */
export class InviteAcceptance {
	#d: InviteAcceptanceDeps;
	#accepted = new Set<(engagementId: string) => void>();

	constructor(deps: InviteAcceptanceDeps) {
		this.#d = deps;
	}

	/** Runs after an invite was accepted and committed (the coach's notification hooks in here). */
	onAccepted(listener: (engagementId: string) => void): () => void {
		this.#accepted.add(listener);
		return () => this.#accepted.delete(listener);
	}

	async accept(
		token: string,
		input: AcceptInput,
		clientAddress: string
	): Promise<Result<Accepted>> {
		const accepted = await this.#accept(token, input, clientAddress);
		if (accepted.ok) {
			this.#accepted.forEach((listener) => listener(accepted.value.engagementId));
		}
		return accepted;
	}

	async #accept(
		token: string,
		input: AcceptInput,
		clientAddress: string
	): Promise<Result<Accepted>> {
		const found = this.#d.inviteService.usable(token);
		if (!found.ok) {
			return found;
		}
		const invite = found.value;
		const existing = await this.#d.users.byEmail(invite.email);
		if (existing?.role === 'coach') {
			return err(
				'conflict',
				'This email belongs to a coach account. A coach cannot join as a client with the same email.'
			);
		}
		return existing
			? this.#acceptAsExisting(invite, input, clientAddress)
			: this.#acceptAsNew(invite, input);
	}

	async #acceptAsExisting(
		invite: Invite,
		input: AcceptInput,
		clientAddress: string
	): Promise<Result<Accepted>> {
		// Through login() so a stolen link is no way around the sign-in throttle.
		const login = await this.#d.auth.login(
			{ email: invite.email, password: input.password },
			clientAddress
		);
		if (!login.ok) {
			return login.error.code === 'invalid-credentials'
				? err(
						'invalid-credentials',
						'This email already has a Tandem account: enter its password to accept.'
					)
				: login;
		}
		const committed = await this.#consume(invite, async () => toPublic(login.value.user));
		if (!committed.ok) {
			// Lost a race with another accept; do not leave a session behind for a failed request.
			await this.#d.auth.logout(login.value.session.id);
			return committed;
		}
		return ok({ signedIn: login.value, engagementId: invite.engagementId });
	}

	async #acceptAsNew(invite: Invite, input: AcceptInput): Promise<Result<Accepted>> {
		const problem = passwordProblem(input.password);
		if (problem) {
			return err('invalid-input', problem);
		}
		const passwordHash = await hashPassword(input.password);
		const committed = await this.#consume(invite, async (trx) => {
			const user = await this.#d.users.create(
				{ email: invite.email, name: input.name ?? invite.name, role: 'client', passwordHash },
				trx
			);
			if (!user) {
				// Someone created an account with this email while the password was hashing.
				throw new Rollback(
					failure('conflict', 'An account with this email was just created. Try again.')
				);
			}
			return toPublic(user);
		});
		if (!committed.ok) {
			return committed;
		}
		return ok({
			signedIn: await this.#d.auth.signInUser(committed.value),
			engagementId: invite.engagementId
		});
	}

	/** Marks the invite used, resolves the client and activates the engagement, all or nothing. */
	async #consume(
		invite: Invite,
		resolveClient: (trx: Transaction) => Promise<PublicUser>
	): Promise<Result<PublicUser>> {
		const { database, invites, engagements } = this.#d;
		try {
			// The invite and engagement stores still write through the raw SQLite handle, which on
			// SQLite is this transaction's connection: all three writes commit or roll back together.
			return await database.db.transaction().execute(async (trx) => {
				if (!invites.markAccepted(invite.id)) {
					throw new Rollback(USED);
				}
				const client = await resolveClient(trx);
				if (!engagements.activate(invite.engagementId, client.id)) {
					throw new Rollback(USED);
				}
				return ok(client);
			});
		} catch (error) {
			if (error instanceof Rollback) {
				return { ok: false, error: error.failure };
			}
			throw error;
		}
	}
}
