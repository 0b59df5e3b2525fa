import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'refunded';
export type CheckoutStatus = 'open' | 'paid' | 'expired';

export interface Invoice {
	readonly id: string;
	readonly coachId: string;
	readonly engagementId: string;
	/** The client's account id; null while the engagement is still pending. */
	readonly clientId: string | null;
	readonly number: number;
	readonly status: InvoiceStatus;
	readonly description: string;
	readonly sessions: number;
	readonly totalCents: number;
	readonly currency: string;
	readonly issuedAt: number;
	readonly dueAt: number;
	readonly paidAt: number | null;
}

export interface Checkout {
	readonly id: string;
	readonly coachId: string;
	readonly engagementId: string;
	/** The package sold; null when paying an invoice written by hand ("Pay now"). */
	readonly packageId: string | null;
	readonly inviteId: string | null;
	readonly stripeSessionId: string | null;
	readonly url: string | null;
	readonly origin: string;
	/** The package's name and sessions when the link was made (later catalogue edits do not count). */
	readonly description: string;
	readonly sessions: number;
	readonly amountCents: number;
	readonly currency: string;
	readonly status: CheckoutStatus;
	readonly invoiceId: string | null;
	readonly purchaseWrittenAt: number | null;
	readonly inviteSentAt: number | null;
	readonly createdAt: number;
}

interface InvoiceRow {
	id: string;
	coach_id: string;
	engagement_id: string;
	client_id: string | null;
	number: number;
	status: InvoiceStatus;
	description: string;
	sessions: number;
	total_cents: number;
	currency: string;
	issued_at: number;
	due_at: number;
	paid_at: number | null;
}

interface CheckoutRow {
	id: string;
	coach_id: string;
	engagement_id: string;
	package_id: string | null;
	invite_id: string | null;
	stripe_session_id: string | null;
	url: string | null;
	origin: string;
	description: string;
	sessions: number;
	amount_cents: number;
	currency: string;
	status: CheckoutStatus;
	invoice_id: string | null;
	purchase_written_at: number | null;
	invite_sent_at: number | null;
	created_at: number;
}

const toInvoice = (r: InvoiceRow): Invoice => ({
	id: r.id,
	coachId: r.coach_id,
	engagementId: r.engagement_id,
	clientId: r.client_id,
	number: r.number,
	status: r.status,
	description: r.description,
	sessions: r.sessions,
	totalCents: r.total_cents,
	currency: r.currency,
	issuedAt: r.issued_at,
	dueAt: r.due_at,
	paidAt: r.paid_at
});

const toCheckout = (r: CheckoutRow): Checkout => ({
	id: r.id,
	coachId: r.coach_id,
	engagementId: r.engagement_id,
	packageId: r.package_id,
	inviteId: r.invite_id,
	stripeSessionId: r.stripe_session_id,
	url: r.url,
	origin: r.origin,
	description: r.description,
	sessions: r.sessions,
	amountCents: r.amount_cents,
	currency: r.currency,
	status: r.status,
	invoiceId: r.invoice_id,
	purchaseWrittenAt: r.purchase_written_at,
	inviteSentAt: r.invite_sent_at,
	createdAt: r.created_at
});

// The client id comes from the engagement, so an invoice paid before the invite was accepted
// belongs to the client's account as soon as there is one.
const SELECT_INVOICE = `
	SELECT i.*, e.client_id FROM invoices i JOIN engagements e ON e.id = i.engagement_id`;

export interface CreditNote {
	readonly id: string;
	readonly coachId: string;
	readonly invoiceId: string;
	readonly invoiceNumber: number;
	readonly engagementId: string;
	readonly clientId: string | null;
	readonly number: number;
	readonly amountCents: number;
	readonly currency: string;
	readonly sessionsRemoved: number;
	readonly issuedAt: number;
}

interface CreditNoteRow {
	id: string;
	coach_id: string;
	invoice_id: string;
	invoice_number: number;
	engagement_id: string;
	client_id: string | null;
	number: number;
	amount_cents: number;
	currency: string;
	sessions_removed: number;
	issued_at: number;
}

const SELECT_CREDIT_NOTE = `
	SELECT c.*, i.number AS invoice_number, i.engagement_id, e.client_id
	FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id JOIN engagements e ON e.id = i.engagement_id`;

const toCreditNote = (r: CreditNoteRow): CreditNote => ({
	id: r.id,
	coachId: r.coach_id,
	invoiceId: r.invoice_id,
	invoiceNumber: r.invoice_number,
	engagementId: r.engagement_id,
	clientId: r.client_id,
	number: r.number,
	amountCents: r.amount_cents,
	currency: r.currency,
	sessionsRemoved: r.sessions_removed,
	issuedAt: r.issued_at
});

export interface NewInvoice {
	coachId: string;
	engagementId: string;
	status: InvoiceStatus;
	description: string;
	sessions: number;
	totalCents: number;
	currency: string;
	issuedAt: number;
	dueAt: number;
	paidAt: number | null;
}

/** SQL for checkouts, webhook events, invoices and payments; callers own the transactions. */
export class PaymentStore {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	transaction<T>(fn: () => T): T {
		// IMMEDIATE: the invoice counter is read and bumped in one write lock, never by two writers.
		return this.#db.transaction(fn).immediate();
	}

	insertCheckout(
		input: Omit<
			Checkout,
			| 'id'
			| 'status'
			| 'invoiceId'
			| 'purchaseWrittenAt'
			| 'inviteSentAt'
			| 'stripeSessionId'
			| 'url'
		> & { invoiceId?: string }
	): string {
		const id = generateSecureRandomString();
		this.#db
			.prepare(
				`INSERT INTO checkouts (id, coach_id, engagement_id, package_id, invite_id, origin,
					description, sessions, amount_cents, currency, status, created_at, invoice_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`
			)
			.run(
				id,
				input.coachId,
				input.engagementId,
				input.packageId,
				input.inviteId,
				input.origin,
				input.description,
				input.sessions,
				input.amountCents,
				input.currency,
				input.createdAt,
				input.invoiceId ?? null
			);
		return id;
	}

	attachStripeSession(checkoutId: string, sessionId: string, url: string): void {
		this.#db
			.prepare('UPDATE checkouts SET stripe_session_id = ?, url = ? WHERE id = ?')
			.run(sessionId, url, checkoutId);
	}

	deleteCheckout(checkoutId: string): void {
		this.#db.prepare('DELETE FROM checkouts WHERE id = ?').run(checkoutId);
	}

	checkout(id: string): Checkout | null {
		const row = this.#db.prepare('SELECT * FROM checkouts WHERE id = ?').get(id) as
			CheckoutRow | undefined;
		return row ? toCheckout(row) : null;
	}

	checkoutBySession(sessionId: string): Checkout | null {
		const row = this.#db
			.prepare('SELECT * FROM checkouts WHERE stripe_session_id = ?')
			.get(sessionId) as CheckoutRow | undefined;
		return row ? toCheckout(row) : null;
	}

	/** Settled checkouts whose follow-ups (document, invitation) have not all run. */
	unfinishedCheckouts(): Checkout[] {
		const rows = this.#db
			.prepare(
				`SELECT * FROM checkouts WHERE status = 'paid'
					AND (purchase_written_at IS NULL OR (invite_id IS NOT NULL AND invite_sent_at IS NULL))`
			)
			.all() as CheckoutRow[];
		return rows.map(toCheckout);
	}

	markCheckout(
		id: string,
		status: CheckoutStatus,
		fields: { invoiceId?: string; at: number }
	): void {
		this.#db
			.prepare(
				`UPDATE checkouts SET status = ?, invoice_id = COALESCE(?, invoice_id),
					paid_at = CASE WHEN ? = 'paid' THEN ? ELSE paid_at END WHERE id = ?`
			)
			.run(status, fields.invoiceId ?? null, status, fields.at, id);
	}

	markPurchaseWritten(id: string, at: number): void {
		this.#db.prepare('UPDATE checkouts SET purchase_written_at = ? WHERE id = ?').run(at, id);
	}

	markInviteSent(id: string, at: number): void {
		this.#db.prepare('UPDATE checkouts SET invite_sent_at = ? WHERE id = ?').run(at, id);
	}

	/** False when the event was already processed: the UNIQUE id is the idempotency key. */
	recordEvent(id: string, type: string, at: number): boolean {
		const result = this.#db
			.prepare(
				'INSERT INTO stripe_events (id, type, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
			)
			.run(id, type, at);
		return result.changes === 1;
	}

	/** The next number of this coach's invoices (or credit notes); call inside the inserting transaction. */
	#nextNumber(coachId: string, kind: 'invoice' | 'credit-note'): number {
		const row = this.#db
			.prepare(
				`INSERT INTO invoice_counters (coach_id, kind, last_number) VALUES (?, ?, 1)
				ON CONFLICT (coach_id, kind) DO UPDATE SET last_number = last_number + 1
				RETURNING last_number`
			)
			.get(coachId, kind) as { last_number: number };
		return row.last_number;
	}

	insertInvoice(input: NewInvoice): Invoice {
		const id = generateSecureRandomString();
		const number = this.#nextNumber(input.coachId, 'invoice');
		this.#db
			.prepare(
				`INSERT INTO invoices (id, coach_id, engagement_id, number, status, description, sessions,
					total_cents, currency, issued_at, due_at, paid_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				id,
				input.coachId,
				input.engagementId,
				number,
				input.status,
				input.description,
				input.sessions,
				input.totalCents,
				input.currency,
				input.issuedAt,
				input.dueAt,
				input.paidAt
			);
		const invoice = this.invoice(id);
		if (!invoice) {
			throw new Error(`invoice ${id} vanished inside its own transaction`);
		}
		return invoice;
	}

	insertPayment(input: {
		invoiceId: string;
		provider: 'stripe' | 'manual';
		providerRef: string | null;
		amountCents: number;
		currency: string;
		at: number;
	}): void {
		this.#db
			.prepare(
				`INSERT INTO payments (id, invoice_id, provider, provider_ref, amount_cents, currency, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				generateSecureRandomString(),
				input.invoiceId,
				input.provider,
				input.providerRef,
				input.amountCents,
				input.currency,
				input.at
			);
	}

	invoice(id: string): Invoice | null {
		const row = this.#db.prepare(`${SELECT_INVOICE} WHERE i.id = ?`).get(id) as
			InvoiceRow | undefined;
		return row ? toInvoice(row) : null;
	}

	forCoach(coachId: string): Invoice[] {
		const rows = this.#db
			.prepare(`${SELECT_INVOICE} WHERE i.coach_id = ? ORDER BY i.number DESC`)
			.all(coachId) as InvoiceRow[];
		return rows.map(toInvoice);
	}

	forClient(clientId: string): Invoice[] {
		const rows = this.#db
			.prepare(
				`${SELECT_INVOICE} WHERE e.client_id = ? AND i.status != 'draft' ORDER BY i.issued_at DESC, i.number DESC`
			)
			.all(clientId) as InvoiceRow[];
		return rows.map(toInvoice);
	}

	paymentOf(
		invoiceId: string
	): { provider: 'stripe' | 'manual'; providerRef: string | null } | null {
		const row = this.#db
			.prepare(
				'SELECT provider, provider_ref FROM payments WHERE invoice_id = ? ORDER BY created_at LIMIT 1'
			)
			.get(invoiceId) as { provider: 'stripe' | 'manual'; provider_ref: string | null } | undefined;
		return row ? { provider: row.provider, providerRef: row.provider_ref } : null;
	}

	/** Open invoices due before `dueBefore` whose client was not reminded yet. */
	overdueUnreminded(dueBefore: number): Invoice[] {
		const rows = this.#db
			.prepare(
				`${SELECT_INVOICE} WHERE i.status = 'open' AND i.due_at <= ? AND i.reminded_at IS NULL`
			)
			.all(dueBefore) as InvoiceRow[];
		return rows.map(toInvoice);
	}

	/** True for the one caller that marks it; the sweep's claim, so a reminder goes out once. */
	markReminded(id: string, at: number): boolean {
		return (
			this.#db
				.prepare('UPDATE invoices SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL')
				.run(at, id).changes === 1
		);
	}

	markInvoicePaid(id: string, at: number): void {
		this.#db
			.prepare("UPDATE invoices SET status = 'paid', paid_at = ? WHERE id = ? AND status = 'open'")
			.run(at, id);
	}

	setInvoiceStatus(id: string, status: InvoiceStatus): void {
		this.#db.prepare('UPDATE invoices SET status = ? WHERE id = ?').run(status, id);
	}

	/** Refunded so far on an invoice: money and sessions taken back. */
	refundedOf(invoiceId: string): { cents: number; sessions: number } {
		const row = this.#db
			.prepare(
				`SELECT COALESCE(SUM(amount_cents), 0) AS cents, COALESCE(SUM(sessions_removed), 0) AS sessions
				FROM credit_notes WHERE invoice_id = ?`
			)
			.get(invoiceId) as { cents: number; sessions: number };
		return row;
	}

	insertCreditNote(input: {
		coachId: string;
		invoiceId: string;
		amountCents: number;
		currency: string;
		sessionsRemoved: number;
		providerRef: string | null;
		issuedAt: number;
	}): CreditNote {
		const id = generateSecureRandomString();
		this.#db
			.prepare(
				`INSERT INTO credit_notes (id, coach_id, invoice_id, number, amount_cents, currency,
					sessions_removed, provider_ref, issued_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				id,
				input.coachId,
				input.invoiceId,
				this.#nextNumber(input.coachId, 'credit-note'),
				input.amountCents,
				input.currency,
				input.sessionsRemoved,
				input.providerRef,
				input.issuedAt
			);
		return this.creditNote(id) as CreditNote;
	}

	creditNote(id: string): CreditNote | null {
		const row = this.#db.prepare(`${SELECT_CREDIT_NOTE} WHERE c.id = ?`).get(id) as
			CreditNoteRow | undefined;
		return row ? toCreditNote(row) : null;
	}

	creditNoteByProviderRef(ref: string): CreditNote | null {
		const row = this.#db.prepare(`${SELECT_CREDIT_NOTE} WHERE c.provider_ref = ?`).get(ref) as
			CreditNoteRow | undefined;
		return row ? toCreditNote(row) : null;
	}

	creditNotesFor(user: { id: string; role: 'coach' | 'client' }): CreditNote[] {
		const where = user.role === 'coach' ? 'c.coach_id = ?' : 'e.client_id = ?';
		const rows = this.#db
			.prepare(`${SELECT_CREDIT_NOTE} WHERE ${where} ORDER BY c.number DESC`)
			.all(user.id) as CreditNoteRow[];
		return rows.map(toCreditNote);
	}

	markCreditNoteWritten(id: string, at: number): void {
		this.#db.prepare('UPDATE credit_notes SET purchase_written_at = ? WHERE id = ?').run(at, id);
	}

	/** Credit notes whose refund is not yet in the `sub:` document (a restart in between). */
	unwrittenCreditNotes(): CreditNote[] {
		const rows = this.#db
			.prepare(`${SELECT_CREDIT_NOTE} WHERE c.purchase_written_at IS NULL`)
			.all() as CreditNoteRow[];
		return rows.map(toCreditNote);
	}
}
