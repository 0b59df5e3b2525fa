import type { CreditNoteSummary, InvoiceSummary } from '../../api/payments';
import type { PublicUser } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import type { EngagementStore } from '../memberships/engagement-store';
import type { SqliteUserLookup } from '../users';
import { renderCreditNotePdf, renderInvoicePdf } from './invoice-pdf';
import type { CreditNote, Invoice, PaymentStore } from './payment-store';

/** The wire shape of `GET /api/invoices` (README "Payments"); keep it exactly. */
export function invoiceView(invoice: Invoice): InvoiceSummary {
	return {
		id: invoice.id,
		number: invoice.number,
		status: invoice.status,
		totalCents: invoice.totalCents,
		currency: invoice.currency,
		clientId: invoice.clientId,
		issuedAt: new Date(invoice.issuedAt).toISOString(),
		dueAt: new Date(invoice.dueAt).toISOString(),
		pdfUrl: `/api/invoices/${encodeURIComponent(invoice.id)}/pdf`
	};
}

/** The wire shape of `GET /api/credit-notes` (README "Payments"). */
export function creditNoteView(note: CreditNote): CreditNoteSummary {
	return {
		id: note.id,
		number: note.number,
		invoiceId: note.invoiceId,
		amountCents: note.amountCents,
		currency: note.currency,
		sessionsRemoved: note.sessionsRemoved,
		clientId: note.clientId,
		issuedAt: new Date(note.issuedAt).toISOString(),
		pdfUrl: `/api/credit-notes/${encodeURIComponent(note.id)}/pdf`
	};
}

/** Who sees which invoice: the coach who issued it and the client it was issued to, nobody else. */
export class InvoiceService {
	#store: PaymentStore;
	#engagements: EngagementStore;
	#users: SqliteUserLookup;

	constructor(deps: {
		store: PaymentStore;
		engagements: EngagementStore;
		users: SqliteUserLookup;
	}) {
		this.#store = deps.store;
		this.#engagements = deps.engagements;
		this.#users = deps.users;
	}

	list(user: PublicUser): Invoice[] {
		return user.role === 'coach' ? this.#store.forCoach(user.id) : this.#store.forClient(user.id);
	}

	/** 404 for anyone but the two parties, so an id reveals nothing. */
	async pdf(
		user: PublicUser,
		invoiceId: string
	): Promise<Result<{ bytes: Uint8Array; fileName: string }>> {
		const invoice = this.#store.invoice(invoiceId);
		const visible =
			invoice &&
			(invoice.coachId === user.id || (invoice.clientId === user.id && invoice.status !== 'draft'));
		if (!invoice || !visible) {
			return err('not-found', 'No such invoice.');
		}
		const engagement = this.#engagements.byId(invoice.engagementId);
		const coach = this.#users.byId(invoice.coachId);
		if (!engagement || !coach) {
			return err('not-found', 'No such invoice.');
		}
		const bytes = await renderInvoicePdf({
			invoice,
			coach: { name: coach.name, email: coach.email },
			client: { name: engagement.clientName, email: engagement.clientEmail }
		});
		return ok({ bytes, fileName: `invoice-${String(invoice.number).padStart(4, '0')}.pdf` });
	}

	creditNotes(user: PublicUser): CreditNote[] {
		return this.#store.creditNotesFor(user);
	}

	async creditNotePdf(
		user: PublicUser,
		id: string
	): Promise<Result<{ bytes: Uint8Array; fileName: string }>> {
		const note = this.#store.creditNote(id);
		const parties =
			note && (note.coachId === user.id || note.clientId === user.id) ? this.#parties(note) : null;
		if (!note || !parties) {
			return err('not-found', 'No such credit note.');
		}
		const bytes = await renderCreditNotePdf({ note, ...parties });
		return ok({ bytes, fileName: `credit-note-${String(note.number).padStart(4, '0')}.pdf` });
	}

	#parties(of: { engagementId: string; coachId: string }) {
		const engagement = this.#engagements.byId(of.engagementId);
		const coach = this.#users.byId(of.coachId);
		return engagement && coach
			? {
					coach: { name: coach.name, email: coach.email },
					client: { name: engagement.clientName, email: engagement.clientEmail }
				}
			: null;
	}
}
