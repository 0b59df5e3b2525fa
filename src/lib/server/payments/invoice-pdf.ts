import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatMoney } from './money';
import type { Invoice } from './payment-store';

export interface InvoiceParty {
	name: string;
	email: string;
}

export interface InvoicePdfInput {
	invoice: Invoice;
	coach: InvoiceParty;
	client: InvoiceParty;
}

// DejaVu Sans (fonts/LICENSE-DejaVu.txt) covers accented Latin, so "Zoë Müller" prints as typed.
// Read from the source tree: the services run from it (tsx), not from the SvelteKit bundle.
const FONT_FILE = path.join(import.meta.dirname, 'fonts', 'DejaVuSans.ttf');
let fontBytes: Buffer | undefined;

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Invoice numbers as printed: per coach, zero-padded, never reused. */
export const invoiceNumberText = (n: number) => String(n).padStart(4, '0');

/** One A4 page: who sells, who buys, the line, the total, and whether and when it was paid. */
export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Uint8Array> {
	const { invoice, coach, client } = input;
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	fontBytes ??= fs.readFileSync(FONT_FILE);
	const font = await pdf.embedFont(fontBytes, { subset: true });
	const number = invoiceNumberText(invoice.number);
	pdf.setTitle(`Invoice ${number}`);
	pdf.setAuthor(coach.name);
	const page = pdf.addPage([595.28, 841.89]);
	const line = writer(page, font);
	const total = formatMoney(invoice.totalCents, invoice.currency);

	line(`Invoice ${number}`, 20);
	line('');
	line(`From: ${coach.name} <${coach.email}>`);
	line(`To: ${client.name} <${client.email}>`);
	line('');
	line(`Issued: ${date(invoice.issuedAt)}`);
	line(`Due: ${date(invoice.dueAt)}`);
	line(`Status: ${invoice.status}`);
	line('');
	const sessions = invoice.sessions === 1 ? '1 session' : `${invoice.sessions} sessions`;
	line(`${invoice.description} (${sessions})    ${total}`);
	line('');
	line(`Total: ${total}`, 14);
	if (invoice.paidAt !== null) {
		line(`Paid on ${date(invoice.paidAt)}. Thank you.`);
	}
	return pdf.save();
}

function writer(page: PDFPage, font: PDFFont) {
	let y = page.getHeight() - 72;
	return (text: string, size = 11) => {
		page.drawText(text, { x: 56, y, size, font, color: rgb(0.1, 0.1, 0.1) });
		y -= size * 1.8;
	};
}
