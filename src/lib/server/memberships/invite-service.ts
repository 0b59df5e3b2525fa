import type { InviteInput, InvitePreview } from '../../api/invites';
import type { PublicUser } from '../../domain/account';
import type { Db } from '../db';
import { err, ok, type Result } from '../errors';
import { generateLinkToken } from '../ids';
import type { EmailAllowance } from '../mail/email-allowance';
import { inviteEmail } from '../mail/invite-email';
import type { Mailer } from '../mail/mailer';
import type { PackageAssignment } from '../packages/package-assignment';
import type { CatalogPackage } from '../packages/package-store';
import type { PackageService } from '../packages/package-service';
import type { UserStore } from '../users';
import type { EngagementStore } from './engagement-store';
import type { Invite, InviteStore } from './invite-store';
import type { MembershipService } from './membership-service';
import { hashSecret } from './secret-hash';

export const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface InviteServiceDeps {
	db: Db;
	users: UserStore;
	invites: InviteStore;
	engagements: EngagementStore;
	packages: PackageService;
	/** Writes an invite's package into the new engagement's `sub:` document. */
	assignment: PackageAssignment;
	memberships: MembershipService;
	mailer: Mailer;
	/** Each invitation email counts against the coach's hourly email allowance. */
	allowance: Pick<EmailAllowance, 'take'>;
	now?: () => number;
	/** Where the dev-mode link is printed; never called with SMTP configured. */
	log?: (line: string) => void;
}

const GONE_MESSAGE: Record<'accepted' | 'expired' | 'revoked', string> = {
	accepted: 'This invitation has already been used. Sign in instead.',
	expired: 'This invitation has expired. Ask your coach to send a new one.',
	revoked: 'This invitation was withdrawn by the coach.'
};

/** A coach invites a client by email; the link in that email is the only key to the invite. */
export class InviteService {
	#d: InviteServiceDeps;
	#now: () => number;
	#log: (line: string) => void;

	constructor(deps: InviteServiceDeps) {
		this.#d = deps;
		this.#now = deps.now ?? Date.now;
		this.#log = deps.log ?? ((line) => console.log(line));
	}

	/**
	 * Creates an invite and its pending engagement, then emails the link. Inviting an email that
	 * already has an open invite from this coach re-sends that invite instead (fresh token, the old
	 * link dies, name and message updated), so a coach who clicks twice does not create two clients.
	 */
	async create(
		coach: PublicUser,
		input: InviteInput,
		origin: string,
		// Payments: an invite that waits for payment is created without its email, and sent with
		// resend() once the payment settles (src/lib/server/payments).
		options: { holdEmail?: boolean } = {}
	): Promise<Result<Invite>> {
		const checked = this.#check(coach, input);
		if (!checked.ok) {
			return checked;
		}
		// Before anything is created: a refused invitation leaves nothing behind.
		const allowed = await this.#d.allowance.take(coach.id);
		if (!allowed.ok) {
			return allowed;
		}
		const token = generateLinkToken();
		const tokenHash = hashSecret(token);
		const expiresAt = this.#now() + INVITE_TTL_MS;
		const { invites, engagements } = this.#d;
		const open = invites.openFor(coach.id, input.email);
		const { id, engagementId } = this.#d.db.transaction(() => {
			if (open) {
				engagements.updatePending(open.engagementId, input);
				invites.replaceToken(open.id, { tokenHash, expiresAt, ...input });
				return open;
			}
			const engagementId = engagements.createPending({ coachId: coach.id, ...input });
			const inviteId = invites.insert({
				coachId: coach.id,
				engagementId,
				tokenHash,
				expiresAt,
				...input
			});
			return { id: inviteId, engagementId };
		})();
		if (checked.value) {
			// Before the email: a client who accepts at once should find the package already there.
			// If this fails the coach retries; the same email re-sends this invite and writes again.
			const written = await this.#d.assignment.writeToDoc(coach.id, engagementId, checked.value);
			if (!written.ok) {
				return written;
			}
		}
		if (options.holdEmail) {
			return this.#reload(coach.id, id);
		}
		return ok(await this.#deliver(coach, id, token, origin));
	}

	/** New token, new email, new 14 days; for invites not yet accepted (expired ones included). */
	async resend(coach: PublicUser, inviteId: string, origin: string): Promise<Result<Invite>> {
		const invite = this.#d.invites.byIdForCoach(coach.id, inviteId);
		if (!invite) {
			return err('not-found', 'No such invite.');
		}
		if (invite.status === 'accepted' || invite.status === 'revoked') {
			return err('conflict', `This invite was ${invite.status}; it cannot be sent again.`);
		}
		const allowed = await this.#d.allowance.take(coach.id);
		if (!allowed.ok) {
			return allowed;
		}
		const token = generateLinkToken();
		this.#d.invites.replaceToken(invite.id, {
			tokenHash: hashSecret(token),
			expiresAt: this.#now() + INVITE_TTL_MS
		});
		return ok(await this.#deliver(coach, invite.id, token, origin));
	}

	/** Withdraws an invite; if it was already accepted, this ends the engagement too. Idempotent. */
	revoke(coach: PublicUser, inviteId: string): Result<Invite> {
		const invite = this.#d.invites.byIdForCoach(coach.id, inviteId);
		if (!invite) {
			return err('not-found', 'No such invite.');
		}
		const ended = this.#d.memberships.end(coach.id, invite.engagementId);
		if (!ended.ok) {
			return ended;
		}
		this.#d.invites.markRevoked(invite.id);
		return this.#reload(coach.id, invite.id);
	}

	list(coach: PublicUser): Invite[] {
		return this.#d.invites.forCoach(coach.id);
	}

	/** The invite behind a link, if it can still be accepted (404 unknown, 410 used or expired). */
	usable(token: string): Result<Invite> {
		const invite = this.#d.invites.byTokenHash(hashSecret(token));
		if (!invite) {
			return err('not-found', 'This invitation link is not valid. Check that it was copied whole.');
		}
		if (invite.status !== 'pending') {
			return err('gone', GONE_MESSAGE[invite.status]);
		}
		return ok(invite);
	}

	async preview(token: string): Promise<Result<InvitePreview>> {
		const found = this.usable(token);
		if (!found.ok) {
			return found;
		}
		const invite = found.value;
		return ok({
			email: invite.email,
			name: invite.name,
			coachName: (await this.#d.users.byId(invite.coachId))?.name ?? 'Your coach',
			status: 'pending',
			hasAccount: (await this.#d.users.byEmail(invite.email)) !== null
		});
	}

	/**
	 * Refuses what cannot be invited; otherwise the package to assign (or null). An address that
	 * belongs to a coach is invited like any other: saying so would let anyone with a coach account
	 * discover who else has one. Only the address's owner, opening the link, learns that a coach
	 * cannot join as a client (InviteAcceptance refuses it there).
	 */
	#check(coach: PublicUser, input: InviteInput): Result<CatalogPackage | null> {
		if (this.#d.engagements.hasActiveClient(coach.id, input.email)) {
			return err('conflict', `${input.email} is already your client.`);
		}
		if (!input.packageId) {
			return ok(null);
		}
		const pkg = this.#d.packages.usable(coach, input.packageId);
		if (!pkg.ok) {
			return err('invalid-input', 'That package is not in your catalogue.');
		}
		if (!this.#d.assignment.isAvailable) {
			return err('unavailable', 'Packages cannot be assigned right now. Try again in a moment.');
		}
		return pkg;
	}

	async #deliver(
		coach: PublicUser,
		inviteId: string,
		token: string,
		origin: string
	): Promise<Invite> {
		const invite = this.#d.invites.byIdForCoach(coach.id, inviteId);
		if (!invite) {
			throw new Error(`invite ${inviteId} vanished while sending`);
		}
		const link = `${origin}/invite/${token}`;
		const outcome = await this.#d.mailer.send(
			inviteEmail({
				to: invite.email,
				inviteeName: invite.name,
				coachName: coach.name,
				link,
				message: invite.message,
				expiresAt: invite.expiresAt
			})
		);
		const error = outcome.status === 'failed' ? outcome.error : null;
		this.#d.invites.recordDelivery(invite.id, {
			status: outcome.status,
			error,
			attempts: outcome.attempts
		});
		if (outcome.status === 'outbox') {
			// Documented dev behaviour: without SMTP the developer needs the link somewhere visible.
			this.#log(
				`Invite email for ${invite.email} written to ${outcome.file}\n  Accept link: ${link}`
			);
		}
		return this.#d.invites.byIdForCoach(coach.id, invite.id) ?? invite;
	}

	#reload(coachId: string, inviteId: string): Result<Invite> {
		const invite = this.#d.invites.byIdForCoach(coachId, inviteId);
		return invite ? ok(invite) : err('not-found', 'No such invite.');
	}
}
