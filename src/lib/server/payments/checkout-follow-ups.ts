import { createActor } from '../../docs/actor';
import { serverOrigin } from '../../docs/origin';
import { addPurchase } from '../../docs/subscription-purchases';
import { engagementDocs } from '../../sync/protocol';
import type { DocWriter } from '../doc-writer';
import type { InviteService } from '../memberships/invite-service';
import type { PackageService } from '../packages/package-service';
import type { SqliteUserLookup } from '../users';
import type { Checkout, PaymentStore } from './payment-store';

export interface FollowUpDeps {
	store: PaymentStore;
	docWriter: DocWriter;
	invites: InviteService;
	packages: PackageService;
	users: SqliteUserLookup;
	now: () => number;
}

/**
 * What a settled checkout causes outside SQLite: the purchase in the engagement's `sub:` document
 * and, for a client invited on payment, the invitation email. Each step is marked done on the
 * checkout row once it succeeded, so a crash, a retried webhook or the start-up sweep runs only
 * what is missing; the document write is itself idempotent (keyed by invoice).
 */
export class CheckoutFollowUps {
	#d: FollowUpDeps;

	constructor(deps: FollowUpDeps) {
		this.#d = deps;
	}

	/** True once every step has run; false (logged) when one must be retried later. */
	async run(checkout: Checkout): Promise<boolean> {
		if (checkout.status !== 'paid' || !checkout.invoiceId) {
			return true;
		}
		try {
			if (checkout.purchaseWrittenAt === null) {
				await this.#writePurchase(checkout, checkout.invoiceId);
				this.#d.store.markPurchaseWritten(checkout.id, this.#d.now());
			}
			if (checkout.inviteId !== null && checkout.inviteSentAt === null) {
				await this.#sendInvite(checkout, checkout.inviteId);
				this.#d.store.markInviteSent(checkout.id, this.#d.now());
			}
			return true;
		} catch (error) {
			console.error(`payments: follow-up of checkout ${checkout.id} failed; will retry`, error);
			return false;
		}
	}

	/** Start-up: a server stopped between settling a payment and its follow-ups finishes them. */
	async resume(): Promise<void> {
		for (const checkout of this.#d.store.unfinishedCheckouts()) {
			await this.run(checkout);
		}
	}

	async #writePurchase(checkout: Checkout, invoiceId: string): Promise<void> {
		const invoice = this.#d.store.invoice(invoiceId);
		if (!invoice) {
			throw new Error(`invoice ${invoiceId} of checkout ${checkout.id} is missing`);
		}
		const actor = createActor({
			userId: checkout.coachId,
			origin: serverOrigin('purchase-paid'),
			now: this.#d.now
		});
		const written = await this.#d.docWriter.withDoc(
			engagementDocs(checkout.engagementId).subscription,
			(doc) =>
				addPurchase(doc, actor, {
					invoiceId,
					packageName: invoice.description,
					sessions: invoice.sessions,
					priceCents: invoice.totalCents,
					currency: invoice.currency,
					complimentary: false,
					purchasedAt: invoice.paidAt ?? invoice.issuedAt
				})
		);
		if (!written.ok) {
			throw new Error(written.message);
		}
	}

	async #sendInvite(checkout: Checkout, inviteId: string): Promise<void> {
		const coach = this.#d.users.byId(checkout.coachId);
		if (!coach) {
			throw new Error(`coach of checkout ${checkout.id} is gone`);
		}
		const sent = await this.#d.invites.resend(coach, inviteId, checkout.origin);
		// An invite revoked or accepted meanwhile needs no email: that is done, not a failure.
		if (!sent.ok && sent.error.code !== 'conflict') {
			throw new Error(sent.error.message);
		}
		if (sent.ok && sent.value.delivery.status === 'failed') {
			throw new Error(`the invitation email failed: ${sent.value.delivery.error ?? 'unknown'}`);
		}
	}
}
