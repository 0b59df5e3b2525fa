import type { DeletionImpact } from '../../api/account';
import type { PublicUser } from '../../domain/account';
import { coachDocName, engagementDocs } from '../../sync/protocol';
import { throttleRules } from '../auth/auth-service';
import { LoginThrottle } from '../auth/login-throttle';
import { verifyPassword } from '../auth/password';
import type { DocWriter } from '../doc-writer';
import { err, ok, type Result } from '../errors';
import type { MailMessage } from '../mail/mailer';
import type { MailQueue } from '../mail-queue/mail-queue';
import type { QueueMeta } from '../mail-queue/mail-queue-store';
import type { MembershipService } from '../memberships/membership-service';
import type { UserStore } from '../users';
import { clientDeletedEmail, coachDeletedEmail } from './deletion-emails';
import type { AffectedEngagement, DeletionStore } from './deletion-store';

export interface DeletionReport {
	deletedDocs: string[];
	notified: string[];
}

/** The scheduling side of a deletion (AccountClosingBookings), injected so this module stays apart. */
export interface AccountBookings {
	/** Inside the deletion's transaction: cancels the user's future sessions, queues both sides' emails. */
	cancelAll(user: Pick<PublicUser, 'id' | 'name' | 'role'>): unknown[];
	/** After the commit: start sending. */
	committed(): void;
	/** Whether a mail-queue ref is one of those emails (they name the deleted person until sent). */
	isClosingMail(ref: string): boolean;
}

export interface AccountDeletionDeps {
	users: UserStore;
	store: DeletionStore;
	memberships: Pick<MembershipService, 'announceUserRemoved'>;
	/** With `isBound`: deletion is refused up front while the sync server is not running. */
	docWriter: DocWriter & { readonly isBound?: boolean };
	/**
	 * The notices to the other side are queued in the deleting transaction (one mail path, the
	 * queue). Told when they and the cancellation emails settle: their text is cleared then, and
	 * the WAL with it.
	 */
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick' | 'onSettled'>;
	/** Without it (unit tests of the rest) no session is cancelled. */
	bookings?: AccountBookings;
	throttle?: LoginThrottle;
	log?: (line: string) => void;
}

/** Only people who can still open the shared space hear about it; a pending invitee never did. */
const isNotified = (e: AffectedEngagement) => e.status === 'active' && e.other.id !== null;

/**
 * The queue ref of the notice about one engagement. It names neither person (the row outlives
 * the deletion until sent) and carries no engagement id column: that row is deleted with it.
 */
const NOTICE_REF_PREFIX = 'account-deletion-notice:';

/**
 * Deletes an account and the server data that is only theirs (docs/own-your-data.md): the
 * SQLite rows (cascades plus DeletionStore), the `eng:`/`sub:` documents of their engagements
 * and a coach's `coach:` document. A client's deletion leaves their coach's `coach:` document
 * (private notes) alone. Every future session of theirs is cancelled first, in the deleting
 * transaction, with both sides' calendar cancellations queued. The other side of each active
 * engagement is emailed.
 */
export class AccountDeletionService {
	#d: AccountDeletionDeps;
	#throttle: LoginThrottle;
	#log: (line: string) => void;

	constructor(deps: AccountDeletionDeps) {
		this.#d = deps;
		this.#throttle = deps.throttle ?? new LoginThrottle();
		this.#log = deps.log ?? ((line) => console.error(line));
		// A settled email's message is cleared to '{}' (mail-queue-store.ts), but the WAL still
		// holds the frames with the deleted person's name and address until a TRUNCATE checkpoint.
		deps.mailQueue.onSettled((ref) => {
			if (ref.startsWith(NOTICE_REF_PREFIX) || deps.bookings?.isClosingMail(ref)) {
				this.#d.store.checkpoint();
			}
		});
	}

	async impact(user: PublicUser): Promise<DeletionImpact[]> {
		return (await this.#d.store.engagementsOf(user.id, user.role)).map((e) => ({
			engagementId: e.id,
			status: e.status,
			name: e.other.name,
			email: e.other.email,
			notified: isNotified(e)
		}));
	}

	async delete(user: PublicUser, password: string): Promise<Result<DeletionReport>> {
		const checked = await this.#checkPassword(user, password);
		if (!checked.ok) {
			return checked;
		}
		if (this.#d.docWriter.isBound === false) {
			// Rows without their documents would leave the person's writes behind unreachable.
			return err('unavailable', 'Your account cannot be deleted right now. Try again in a minute.');
		}
		const affected = await this.#d.store.engagementsOf(user.id, user.role);
		const docs = affected.flatMap((e) => {
			const { shared, subscription } = engagementDocs(e.id);
			return [shared, subscription];
		});
		if (user.role === 'coach') {
			docs.unshift(coachDocName(user.id));
		}
		// Close the user's live connections while the memberships still say which they are.
		await this.#d.memberships.announceUserRemoved(user.id);
		// Rows first: once the engagements are gone, authorize refuses these documents, so no
		// reconnecting client can recreate one between its deletion and the end of this call.
		// Their future sessions are cancelled in the same transaction, both sides' METHOD:CANCEL
		// emails queued with it, so a crash cannot drop the rows and leave the calendars stale;
		// the notices to the other side are queued there too, so none is lost to a restart.
		const notices = affected.filter(isNotified).map((e) => this.#notice(user, e));
		try {
			await this.#d.store.deleteUser(user, () => {
				this.#d.bookings?.cancelAll(user);
				for (const notice of notices) {
					this.#d.mailQueue.enqueue(notice.mail, notice.meta);
				}
			});
		} catch (error) {
			// Rolled back as a whole (an email that could not be queued): nothing was deleted.
			this.#log(`account deletion: rolled back: ${String(error)}`);
			return err(
				'unavailable',
				'Your account could not be deleted right now; nothing was changed. Try again in a minute.'
			);
		}
		this.#d.bookings?.committed();
		void this.#d.mailQueue.kick();
		const failed = await this.#deleteDocs(docs);
		this.#d.store.checkpoint();
		return ok({
			deletedDocs: docs.filter((d) => !failed.includes(d)),
			notified: notices.map((notice) => notice.mail.to)
		});
	}

	/** Every document is tried; one that fails is logged by name (an id, never content). */
	async #deleteDocs(docs: string[]): Promise<string[]> {
		const failed: string[] = [];
		for (const name of docs) {
			try {
				await this.#d.docWriter.deleteDoc(name);
			} catch (error) {
				failed.push(name);
				this.#log(`account deletion: could not delete ${name}: ${String(error)}`);
			}
		}
		return failed;
	}

	async #checkPassword(user: PublicUser, password: string): Promise<Result<null>> {
		const key = `delete:${user.id}`;
		const wait = this.#throttle.retryAfterSeconds(key, throttleRules.account);
		if (wait > 0) {
			return err('rate-limited', 'Too many wrong passwords. Try again later.', {
				retryAfterSeconds: wait
			});
		}
		const stored = await this.#d.users.byId(user.id);
		if (!stored || !(await verifyPassword(stored.passwordHash, password))) {
			this.#throttle.recordFailure(key, throttleRules.account);
			return err('invalid-credentials', 'That password is not right.');
		}
		this.#throttle.reset(key);
		return ok(null);
	}

	/** The email telling the other side of an active engagement; addressed to them. */
	#notice(user: PublicUser, e: AffectedEngagement): { mail: MailMessage; meta: QueueMeta } {
		const mail =
			user.role === 'coach'
				? coachDeletedEmail({ to: e.other.email, clientName: e.other.name, coachName: user.name })
				: clientDeletedEmail({ to: e.other.email, coachName: e.other.name, clientName: user.name });
		return { mail, meta: { userId: e.other.id, ref: `${NOTICE_REF_PREFIX}${e.id}` } };
	}
}
