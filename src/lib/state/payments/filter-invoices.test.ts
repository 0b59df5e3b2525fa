import { describe, expect, it } from 'vitest';
import { filterInvoices } from './filter-invoices';
import type { InvoiceSummary } from '../../api/payments';

const invoice = (id: string, fields: Partial<InvoiceSummary>): InvoiceSummary => ({
	id,
	number: 1,
	status: 'paid',
	totalCents: 100,
	currency: 'EUR',
	clientId: 'c',
	issuedAt: '2026-12-01T10:00:00.000Z',
	dueAt: '2026-12-15T10:00:00.000Z',
	pdfUrl: `/api/invoices/${id}/pdf`,
	...fields
});

describe('filterInvoices', () => {
	const now = Date.parse('2026-12-20T12:00:00.000Z');
	const list = [
		invoice('paid', {}),
		invoice('open-late', { status: 'open' }),
		invoice('open-current', { status: 'open', dueAt: '2026-12-30T00:00:00.000Z' }),
		invoice('old', { issuedAt: '2026-10-01T10:00:00.000Z' })
	];
	const ids = (filter: Parameters<typeof filterInvoices>[1]) =>
		filterInvoices(list, filter, now).map((i) => i.id);

	it('filters open, overdue (open past due), paid and this month', () => {
		expect(ids('all')).toHaveLength(4);
		expect(ids('open')).toEqual(['open-late', 'open-current']);
		expect(ids('overdue')).toEqual(['open-late']);
		expect(ids('paid')).toEqual(['paid', 'old']);
		expect(ids('this-month')).toEqual(['paid', 'open-late', 'open-current']);
	});
});
