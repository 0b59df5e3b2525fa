/**
 * Bulk invitations: turns a pasted or uploaded list into rows the coach can review before
 * anything is sent. Accepts CSV with or without a header row, `Name <email>` lines and address
 * lists separated by commas or semicolons (as mail programs copy them).
 *
 *     const rows = reviewBulkInvite(parseBulkInvite(text), knownEmails);
 *     rows.filter((row) => row.status === 'valid'); // the only ones to send
 */
import { emailProblem, nameProblem, normalizeEmail } from './account';
import { readCsv, type CsvRecord } from './bulk-invite-csv';

/** More than this in one go is almost certainly the wrong file. */
export const MAX_BULK_INVITES = 200;

export interface BulkCandidate {
	/** 1-based line of the input, for "line 4: …" messages. */
	readonly line: number;
	readonly name: string;
	/** As typed (trimmed); normalised during review. */
	readonly email: string;
	/** The coach typed this name in the preview: used as it is, never made from the address. */
	readonly nameEdited?: boolean;
}

/** Identifies a line in the preview across re-reads of the same text (for names edited there). */
export const candidateKey = (candidate: Pick<BulkCandidate, 'line' | 'email'>) =>
	`${candidate.line}|${candidate.email.trim().toLowerCase()}`;

/** The candidates with the names the coach typed in the preview (by candidateKey). */
export function withEditedNames(
	candidates: readonly BulkCandidate[],
	names: Readonly<Record<string, string>>
): BulkCandidate[] {
	return candidates.map((candidate) => {
		const name = names[candidateKey(candidate)];
		return name === undefined ? candidate : { ...candidate, name: name.trim(), nameEdited: true };
	});
}

/** How an email already relates to the coach, from the engagement list and the outbox. */
export type KnownStatus = 'active' | 'pending' | 'expired' | 'queued';

export type BulkRowStatus = 'valid' | 'invalid' | 'duplicate' | 'existing';

export interface BulkInviteRow extends BulkCandidate {
	readonly status: BulkRowStatus;
	/** Why the row will not be sent; null for valid rows. */
	readonly reason: string | null;
	/** The line had only an address: `name` was made from it, for the coach to check. */
	readonly nameFromEmail?: true;
}

/**
 * A name to start from when a line has only an address: "ann.lee+work@x.org" → "Ann Lee".
 * Digits and separators are dropped; '' when nothing readable is left ("1234@x.org").
 */
export function nameFromEmail(email: string): string {
	const local = email.split('@')[0]!.split('+')[0]!;
	return local
		.split(/[._-]+/)
		.map((part) => part.replace(/\d+/g, ''))
		.filter((part) => part !== '')
		.map((part) => part[0]!.toUpperCase() + part.slice(1))
		.join(' ');
}

interface Header {
	name: number;
	first: number;
	last: number;
	email: number;
}

const ANGLE = /^(.*?)<\s*([^<>\s]+)\s*>\s*$/;
const looksLikeEmail = (value: string) => /^[^\s@<>]+@[^\s@<>]+$/.test(value);
const isAddressEntry = (value: string) => ANGLE.test(value) || looksLikeEmail(value);

/** `Ann Lee <ann@example.com>` → name and email; anything else is just an email. */
function splitAddress(value: string): { name: string; email: string } {
	const match = ANGLE.exec(value);
	if (!match) {
		return { name: '', email: value.trim() };
	}
	const name = match[1]!.trim().replace(/^"(.*)"$/, '$1');
	return { name: name.trim(), email: match[2]! };
}

const HEADER_WORDS: readonly [keyof Header, RegExp][] = [
	['email', /^e-?mail( address)?$/i],
	['name', /^((full|client) )?name$/i],
	['first', /^(first|given)[ _-]?name$/i],
	['last', /^(last|family|sur)[ _-]?name$/i]
];

/** A first record with no address in it and at least one known column title is a header. */
function readHeader(record: CsvRecord): Header | null {
	if (record.fields.some((field) => field.includes('@'))) {
		return null;
	}
	const header: Header = { name: -1, first: -1, last: -1, email: -1 };
	record.fields.forEach((field, index) => {
		const role = HEADER_WORDS.find(([, pattern]) => pattern.test(field))?.[0];
		if (role && header[role] === -1) {
			header[role] = index;
		}
	});
	return header.email >= 0 || header.name >= 0 ? header : null;
}

function fromHeaderColumns(record: CsvRecord, header: Header): BulkCandidate {
	const at = (index: number) => (index >= 0 ? (record.fields[index] ?? '') : '');
	const address = splitAddress(at(header.email));
	const columnName =
		header.name >= 0 ? at(header.name) : [at(header.first), at(header.last)].join(' ').trim();
	return { line: record.line, name: columnName || address.name, email: address.email };
}

/** Without a header: the field with an @ is the email, the rest (in order) is the name. */
function fromFields(record: CsvRecord): BulkCandidate[] {
	const filled = record.fields.filter((field) => field !== '');
	// "Ann <a@x.org>; Bob <b@x.org>" or "a@x.org, b@x.org": one person per field.
	if (filled.every(isAddressEntry)) {
		return filled.map((field) => ({ line: record.line, ...splitAddress(field) }));
	}
	let emailIndex = filled.findIndex((field) => field.includes('@'));
	if (emailIndex < 0) {
		// No address anywhere: read it as "name, email" so the email is reported missing/invalid.
		emailIndex = filled.length > 1 ? filled.length - 1 : -1;
	}
	const address = emailIndex >= 0 ? splitAddress(filled[emailIndex]!) : { name: '', email: '' };
	const rest = filled.filter((_, index) => index !== emailIndex).join(' ');
	const name = [rest, address.name].filter(Boolean).join(' ');
	return [{ line: record.line, name, email: address.email }];
}

/** Reads the list; blank lines are skipped, a header row is recognised and dropped. */
export function parseBulkInvite(text: string): BulkCandidate[] {
	const records = readCsv(text);
	const header = records[0] ? readHeader(records[0]) : null;
	if (header) {
		return records.slice(1).map((record) => fromHeaderColumns(record, header));
	}
	return records.flatMap(fromFields);
}

const KNOWN_REASONS: Record<KnownStatus, string> = {
	active: 'Already your client.',
	pending: 'Already invited; the invitation is pending.',
	expired: 'Invited before; the invitation expired. Resend it from your clients.',
	queued: 'Already waiting to be sent.'
};

/** What is wrong with the address, or null; the name is looked at after the known addresses. */
function emailProblemOf(candidate: BulkCandidate, email: string): string | null {
	if (candidate.email === '') {
		return 'No email address.';
	}
	return emailProblem(email) ? `"${candidate.email}" is not a valid email address.` : null;
}

/** The row's name (made from the address when the line had none) and what is wrong with it. */
function nameOf(candidate: BulkCandidate, email: string) {
	const derived = candidate.name === '' && !candidate.nameEdited ? nameFromEmail(email) : null;
	const name = derived ?? candidate.name;
	const problem =
		name === ''
			? 'No name: write "Name <email>" or "name, email".'
			: (nameProblem(name)?.replace('your', 'the') ?? null);
	return { name, problem, ...(derived ? { nameFromEmail: true as const } : {}) };
}

/**
 * Marks each candidate: invalid (why), duplicate of an earlier valid row, already known to the
 * coach, or valid. Rows past MAX_BULK_INVITES are invalid, so the coach splits the list.
 */
export function reviewBulkInvite(
	candidates: readonly BulkCandidate[],
	known: ReadonlyMap<string, KnownStatus>
): BulkInviteRow[] {
	const firstLine = new Map<string, number>();
	return candidates.map((candidate, index): BulkInviteRow => {
		const email = normalizeEmail(candidate.email);
		const row = { ...candidate, email: email || candidate.email };
		const emailIssue = emailProblemOf(candidate, email);
		if (emailIssue) {
			return { ...row, status: 'invalid', reason: emailIssue };
		}
		// An address the coach already knows is reported as such, whatever the line's name:
		// "Invalid, no name" for someone already invited would send the coach looking for a typo.
		const knownStatus = known.get(email);
		if (knownStatus) {
			return { ...row, status: 'existing', reason: KNOWN_REASONS[knownStatus] };
		}
		const { problem, ...named } = nameOf(candidate, email);
		if (problem) {
			return { ...row, ...named, status: 'invalid', reason: problem };
		}
		const earlier = firstLine.get(email);
		if (earlier !== undefined) {
			return { ...row, ...named, status: 'duplicate', reason: `Same email as line ${earlier}.` };
		}
		firstLine.set(email, candidate.line);
		if (index >= MAX_BULK_INVITES) {
			return {
				...row,
				...named,
				status: 'invalid',
				reason: `At most ${MAX_BULK_INVITES} at a time.`
			};
		}
		return { ...row, ...named, status: 'valid', reason: null };
	});
}
