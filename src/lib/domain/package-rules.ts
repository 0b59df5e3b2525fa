/**
 * The rules of a catalogue package (what a coach sells), shared by the server API and the
 * browser forms. Builds on the ledger's `packageProblem` so a catalogue package can always be
 * copied into a `sub:` document unchanged.
 */
import { packageProblem } from './sessions';

export const MIN_SESSION_MINUTES = 5;
export const MAX_SESSION_MINUTES = 480;
/** One million in major units: far above any coaching package, well inside a safe integer. */
export const MAX_PRICE_CENTS = 100_000_000;
export const MAX_SESSIONS_TOTAL = 1_000;
export const MAX_PACKAGE_NAME_LENGTH = 200;

/** What the coach edits; the server adds id, owner and timestamps. */
export interface PackageTermsInput {
	readonly name: string;
	readonly sessionsTotal: number;
	readonly sessionMinutes: number;
	readonly priceCents: number;
	/** ISO 4217 code, upper case, e.g. 'EUR'. */
	readonly currency: string;
	readonly noShowConsumesSession: boolean;
}

export const PACKAGE_FIELDS = [
	'name',
	'sessionsTotal',
	'sessionMinutes',
	'priceCents',
	'currency',
	'noShowConsumesSession'
] as const satisfies readonly (keyof PackageTermsInput)[];

export type PackageParse<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** The first broken rule, in the order a form shows its fields, or null. */
export function packageTermsProblem(terms: PackageTermsInput): string | null {
	const base = packageProblem(terms);
	if (base) {
		return base;
	}
	if (terms.sessionsTotal > MAX_SESSIONS_TOTAL) {
		return `A package can have at most ${MAX_SESSIONS_TOTAL} sessions.`;
	}
	if (terms.sessionMinutes < MIN_SESSION_MINUTES || terms.sessionMinutes > MAX_SESSION_MINUTES) {
		return `Session length must be between ${MIN_SESSION_MINUTES} and ${MAX_SESSION_MINUTES} minutes.`;
	}
	return terms.priceCents > MAX_PRICE_CENTS ? 'The price is too high.' : null;
}

const TYPE_PROBLEM: Record<(typeof PACKAGE_FIELDS)[number], string> = {
	name: '"name" must be a string.',
	sessionsTotal: '"sessionsTotal" must be a whole number.',
	sessionMinutes: '"sessionMinutes" must be a whole number of minutes.',
	priceCents: '"priceCents" must be a whole number of cents.',
	currency: '"currency" must be a three-letter code such as "EUR".',
	noShowConsumesSession: '"noShowConsumesSession" must be true or false.'
};

function hasType(key: (typeof PACKAGE_FIELDS)[number], value: unknown): boolean {
	switch (key) {
		case 'name':
		case 'currency':
			return typeof value === 'string';
		case 'noShowConsumesSession':
			return typeof value === 'boolean';
		default:
			return typeof value === 'number';
	}
}

/**
 * Reads the known package fields of a JSON body, checking only their types; unknown keys are
 * ignored. Strings are trimmed and the currency upper-cased, so "eur " is accepted as "EUR".
 */
export function readPackageFields(
	body: Record<string, unknown>
): PackageParse<Partial<PackageTermsInput>> {
	const fields: Record<string, unknown> = {};
	for (const key of PACKAGE_FIELDS) {
		const value = body[key];
		if (value === undefined) {
			continue;
		}
		if (!hasType(key, value)) {
			return { ok: false, problem: TYPE_PROBLEM[key] };
		}
		fields[key] = typeof value === 'string' ? value.trim() : value;
	}
	if (typeof fields.currency === 'string') {
		fields.currency = fields.currency.toUpperCase();
	}
	return { ok: true, value: fields as Partial<PackageTermsInput> };
}

/** A complete new package: every field present and every rule kept. */
export function parseNewPackage(body: Record<string, unknown>): PackageParse<PackageTermsInput> {
	const read = readPackageFields(body);
	if (!read.ok) {
		return read;
	}
	const missing = PACKAGE_FIELDS.filter((key) => read.value[key] === undefined);
	if (missing.length > 0) {
		return { ok: false, problem: `Missing ${missing.map((key) => `"${key}"`).join(', ')}.` };
	}
	return checked(read.value as PackageTermsInput);
}

/** An edit: the given fields over the current terms, then every rule on the result. */
export function applyPackageEdit(
	current: PackageTermsInput,
	body: Record<string, unknown>
): PackageParse<PackageTermsInput> {
	const read = readPackageFields(body);
	return read.ok ? checked({ ...current, ...read.value }) : read;
}

function checked(terms: PackageTermsInput): PackageParse<PackageTermsInput> {
	const problem = packageTermsProblem(terms);
	return problem ? { ok: false, problem } : { ok: true, value: terms };
}
