import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatMoney } from './money';
import type { CreditNote, Invoice } from './payment-store';

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
	const number = invoiceNumberText(invoice.number);
	const total = formatMoney(invoice.totalCents, invoice.currency);
	const sessions = invoice.sessions === 1 ? '1 session' : `${invoice.sessions} sessions`;
	return onePage({ title: `Invoice ${number}`, coach, client }, (line) => {
		line(`Issued: ${date(invoice.issuedAt)}`);
		line(`Due: ${date(invoice.dueAt)}`);
		line(`Status: ${invoice.status}`);
		line('');
		line(`${invoice.description} (${sessions})    ${total}`);
		line('');
		line(`Total: ${total}`, 14);
		if (invoice.paidAt !== null) {
			line(`Paid on ${date(invoice.paidAt)}. Thank you.`);
		}
	});
}

/** A credit note: which invoice it corrects, the amount given back, sessions taken back. */
export async function renderCreditNotePdf(input: {
	note: CreditNote;
	coach: InvoiceParty;
	client: InvoiceParty;
}): Promise<Uint8Array> {
	const { note, coach, client } = input;
	const amount = formatMoney(-note.amountCents, note.currency);
	return onePage(
		{ title: `Credit note ${invoiceNumberText(note.number)}`, coach, client },
		(line) => {
			line(`Issued: ${date(note.issuedAt)}`);
			line(`Corrects invoice ${invoiceNumberText(note.invoiceNumber)}`);
			line('');
			line(`Refund    ${amount}`);
			if (note.sessionsRemoved > 0) {
				line(`Sessions taken back: ${note.sessionsRemoved}`);
			}
			line('');
			line(`Total: ${amount}`, 14);
		}
	);
}

type Line = (text: string, size?: number) => void;

async function onePage(
	head: { title: string; coach: InvoiceParty; client: InvoiceParty },
	body: (line: Line) => void
): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	fontBytes ??= fs.readFileSync(FONT_FILE);
	const font = await pdf.embedFont(fontBytes, { subset: true });
	pdf.setTitle(head.title);
	pdf.setAuthor(head.coach.name);
	const line = writer(pdf.addPage([595.28, 841.89]), font);
	line(head.title, 20);
	line('');
	line(`From: ${head.coach.name} <${head.coach.email}>`);
	line(`To: ${head.client.name} <${head.client.email}>`);
	line('');
	body(line);
	return pdf.save();
}

function writer(page: PDFPage, font: PDFFont): Line {
	let y = page.getHeight() - 72;
	return (text: string, size = 11) => {
		page.drawText(text, { x: 56, y, size, font, color: rgb(0.1, 0.1, 0.1) });
		y -= size * 1.8;
	};
}
