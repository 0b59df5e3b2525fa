import type { InvoiceSummary } from '../../api/payments';

export type InvoiceFilter = 'all' | 'open' | 'overdue' | 'paid' | 'this-month';

/** The coach's invoice list filters; `now` in ms, months in the viewer's time zone. */
export function filterInvoices(
	invoices: readonly InvoiceSummary[],
	filter: InvoiceFilter,
	now: number
): InvoiceSummary[] {
	const today = new Date(now);
	switch (filter) {
		case 'all':
			return [...invoices];
		case 'open':
			return invoices.filter((i) => i.status === 'open');
		case 'overdue':
			return invoices.filter((i) => i.status === 'open' && Date.parse(i.dueAt) < now);
		case 'paid':
			return invoices.filter((i) => i.status === 'paid');
		case 'this-month':
			return invoices.filter((i) => {
				const issued = new Date(i.issuedAt);
				return (
					issued.getFullYear() === today.getFullYear() && issued.getMonth() === today.getMonth()
				);
			});
	}
}
