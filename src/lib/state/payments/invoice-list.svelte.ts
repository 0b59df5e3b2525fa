import type { CreditNoteSummary, InvoiceSummary } from '../../api/payments';
import { loadCopy, saveCopy } from '../clients/request-json';
import { listInvoices } from './payment-link';

interface SavedInvoices {
	invoices: InvoiceSummary[];
	/** Absent in copies saved before refunds existed. */
	creditNotes?: CreditNoteSummary[];
	fetchedAt: number;
}

const isSaved = (value: unknown): value is SavedInvoices =>
	Array.isArray((value as Partial<SavedInvoices> | null)?.invoices);

/**
 * The signed-in user's invoices (a coach's own, or a client's own). Invoices live on the server;
 * the last list fetched is kept on the device so both sides can read them offline.
 *
 *     const invoices = new InvoiceList(user.id);
 *     await invoices.load();
 */
export class InvoiceList {
	readonly #copyKey: string;
	#saved = $state<SavedInvoices | null>(null);
	#isOffline = $state(false);
	#error = $state<string | null>(null);
	#loading = $state(false);

	constructor(userId: string) {
		this.#copyKey = `tandem.invoices:${userId}`;
		this.#saved = loadCopy(this.#copyKey, isSaved);
	}

	get all(): readonly InvoiceSummary[] {
		return this.#saved?.invoices ?? [];
	}

	/** When the list shown was fetched (ms), or null if never. */
	get fetchedAt(): number | null {
		return this.#saved?.fetchedAt ?? null;
	}

	/** The last load could not reach the server: the list is this device's copy. */
	get isOffline(): boolean {
		return this.#isOffline;
	}

	get loading(): boolean {
		return this.#loading && this.#saved === null;
	}

	get error(): string | null {
		return this.#error;
	}

	get creditNotes(): readonly CreditNoteSummary[] {
		return this.#saved?.creditNotes ?? [];
	}

	forClient(clientId: string | null): readonly InvoiceSummary[] {
		return clientId === null ? [] : this.all.filter((i) => i.clientId === clientId);
	}

	async load(): Promise<void> {
		this.#loading = true;
		const [invoices, notes] = await listInvoices();
		this.#loading = false;
		this.#isOffline = !invoices.ok && invoices.offline;
		if (invoices.ok && notes.ok) {
			this.#saved = {
				invoices: invoices.data.invoices,
				creditNotes: notes.data.creditNotes,
				fetchedAt: Date.now()
			};
			saveCopy(this.#copyKey, this.#saved);
			this.#error = null;
		} else if (!invoices.ok && !invoices.offline) {
			this.#error = invoices.error;
		} else if (!notes.ok && !notes.offline) {
			this.#error = notes.error;
		}
	}
}
