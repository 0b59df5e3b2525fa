import type { MailQueue } from '../mail-queue/mail-queue';
import type { MailMessage } from '../mail/mailer';
import type { EngagementStore } from '../memberships/engagement-store';
import type { SqliteUserLookup } from '../users';
import { invoiceNumberText } from './invoice-pdf';
import { formatMoney } from './money';
import type { Invoice, PaymentStore } from './payment-store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The client is reminded once, this long after the due date. */
export const OVERDUE_REMINDER_AFTER_MS = 3 * DAY_MS;

export interface OverdueDeps {
	store: PaymentStore;
	engagements: EngagementStore;
	users: SqliteUserLookup;
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	origin: string | undefined;
	now: () => number;
}

/**
 * Reminds the client of an open invoice once, 3 days after its due date, through the durable mail
 * queue: the reminder is queued in the transaction that marks the invoice reminded (and its queue
 * ref is unique), so a crash or two sweeps at once never send it twice, nor lose it.
 */
export class OverdueReminders {
	#d: OverdueDeps;

	constructor(deps: OverdueDeps) {
		this.#d = deps;
	}

	/** Queues what is due now; returns how many reminders were queued. */
	run(): number {
		const { store, now } = this.#d;
		const at = now();
		let queued = 0;
		for (const invoice of store.overdueUnreminded(at - OVERDUE_REMINDER_AFTER_MS)) {
			const email = this.#email(invoice);
			store.transaction(() => {
				if (!store.markReminded(invoice.id, at) || !email) {
					return;
				}
				this.#d.mailQueue.enqueue(email.message, {
					userId: email.clientId,
					engagementId: invoice.engagementId,
					ref: `invoice-overdue:${invoice.id}`
				});
				queued += 1;
			});
		}
		if (queued > 0) {
			void this.#d.mailQueue.kick();
		}
		return queued;
	}

	#email(invoice: Invoice): { message: MailMessage; clientId: string | null } | null {
		const engagement = this.#d.engagements.byId(invoice.engagementId);
		const coach = this.#d.users.byId(invoice.coachId);
		if (!engagement || !coach) {
			return null;
		}
		const number = invoiceNumberText(invoice.number);
		const total = formatMoney(invoice.totalCents, invoice.currency);
		const due = new Date(invoice.dueAt).toISOString().slice(0, 10);
		const link = this.#d.origin ? `${this.#d.origin}/client/invoices` : null;
		const lines = [
			`Hello ${engagement.clientName},`,
			'',
			`Invoice ${number} from ${coach.name} for ${total} was due on ${due} and is still open.`,
			link ? `You can see it and pay it here: ${link}` : 'You can see it in Tandem under Invoices.',
			'',
			`If you have already paid, please ignore this email or tell ${coach.name}.`
		];
		const text = lines.join('\n');
		// Plain text only, escaped into the HTML part: names are user content, never markup.
		const html = `<pre style="font-family:inherit">${escapeHtml(text)}</pre>`;
		return {
			clientId: engagement.clientId,
			message: {
				to: engagement.clientEmail,
				subject: `Reminder: invoice ${number} from ${coach.name} is overdue`,
				text,
				html
			}
		};
	}
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
