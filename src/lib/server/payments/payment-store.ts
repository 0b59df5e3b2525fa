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
	readonly packageId: string;
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
	package_id: string;
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
		>
	): string {
		const id = generateSecureRandomString();
		this.#db
			.prepare(
				`INSERT INTO checkouts (id, coach_id, engagement_id, package_id, invite_id, origin,
					description, sessions, amount_cents, currency, status, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`
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
				input.createdAt
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

	/** The next number of this coach's invoices; call inside the transaction that inserts it. */
	#nextNumber(coachId: string): number {
		const row = this.#db
			.prepare(
				`INSERT INTO invoice_counters (coach_id, last_number) VALUES (?, 1)
				ON CONFLICT (coach_id) DO UPDATE SET last_number = last_number + 1
				RETURNING last_number`
			)
			.get(coachId) as { last_number: number };
		return row.last_number;
	}

	insertInvoice(input: NewInvoice): Invoice {
		const id = generateSecureRandomString();
		const number = this.#nextNumber(input.coachId);
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

	/** What was actually paid per engagement of a coach (refunds subtract once they exist). */
	paidByEngagement(coachId: string): Map<string, { cents: number; currency: string }[]> {
		const rows = this.#db
			.prepare(
				`SELECT i.engagement_id, p.currency, SUM(p.amount_cents) AS cents
				FROM payments p JOIN invoices i ON i.id = p.invoice_id
				WHERE i.coach_id = ? GROUP BY i.engagement_id, p.currency`
			)
			.all(coachId) as { engagement_id: string; currency: string; cents: number }[];
		const out = new Map<string, { cents: number; currency: string }[]>();
		for (const row of rows) {
			const list = out.get(row.engagement_id) ?? [];
			list.push({ cents: row.cents, currency: row.currency });
			out.set(row.engagement_id, list);
		}
		return out;
	}
}
