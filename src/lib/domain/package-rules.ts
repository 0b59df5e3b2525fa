/**
 * The rules of a catalogue package (what a coach sells), shared by the server API and the
 * browser forms. Builds on the ledger's `packageProblem` so a catalogue package can always be
 * copied into a `sub:` document unchanged.
 */
import { isCurrencyCode } from './currency';
import { firstFieldError, hasFieldErrors, type FieldErrors } from './field-errors';
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

export type PackageField = (typeof PACKAGE_FIELDS)[number];

export type PackageParse<T> =
	| { readonly ok: true; readonly value: T }
	| { readonly ok: false; readonly problem: string; readonly fields: FieldErrors<PackageField> };

/** One sentence per field, the same in the form and in the API's 400 `fields`. */
export const PACKAGE_MESSAGES: Record<PackageField, string> = {
	name: `Give the package a name (up to ${MAX_PACKAGE_NAME_LENGTH} characters).`,
	sessionsTotal: `The number of sessions must be a whole number from 0 to ${MAX_SESSIONS_TOTAL}.`,
	sessionMinutes: `Session length must be a whole number of minutes from ${MIN_SESSION_MINUTES} to ${MAX_SESSION_MINUTES}.`,
	priceCents: 'The price must be 0 or more (and at most 1,000,000).',
	currency: 'Use a currency code from ISO 4217, like EUR or USD.',
	noShowConsumesSession: 'Say whether a missed session uses up a session (true or false).'
};

const wholeIn = (value: number, min: number, max: number) =>
	Number.isInteger(value) && value >= min && value <= max;

/** Every broken rule, by field (empty when the terms are fine). */
export function packageFieldErrors(terms: PackageTermsInput): FieldErrors<PackageField> {
	const errors: FieldErrors<PackageField> = {};
	const name = terms.name.trim();
	if (name === '' || name.length > MAX_PACKAGE_NAME_LENGTH) {
		errors.name = PACKAGE_MESSAGES.name;
	}
	if (!wholeIn(terms.sessionsTotal, 0, MAX_SESSIONS_TOTAL)) {
		errors.sessionsTotal = PACKAGE_MESSAGES.sessionsTotal;
	}
	if (!wholeIn(terms.sessionMinutes, MIN_SESSION_MINUTES, MAX_SESSION_MINUTES)) {
		errors.sessionMinutes = PACKAGE_MESSAGES.sessionMinutes;
	}
	if (!wholeIn(terms.priceCents, 0, MAX_PRICE_CENTS)) {
		errors.priceCents = PACKAGE_MESSAGES.priceCents;
	}
	if (!isCurrencyCode(terms.currency)) {
		errors.currency = PACKAGE_MESSAGES.currency;
	}
	return errors;
}

/** The first broken rule, in the order a form shows its fields, or null. */
export function packageTermsProblem(terms: PackageTermsInput): string | null {
	// The ledger's own rule first, so a catalogue package always fits a `sub:` document.
	return (
		firstFieldError(packageFieldErrors(terms), PACKAGE_FIELDS) ?? packageProblem(terms) ?? null
	);
}

function hasType(key: PackageField, value: unknown): boolean {
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

function refused(fields: FieldErrors<PackageField>): PackageParse<never> {
	const count = Object.keys(fields).length;
	const first = firstFieldError(fields, PACKAGE_FIELDS) ?? 'Check the package fields.';
	return { ok: false, problem: count > 1 ? `${first} (and ${count - 1} more)` : first, fields };
}

/** The well-typed fields of a body (trimmed, currency upper-cased) and each badly typed one. */
function readTyped(body: Record<string, unknown>) {
	const fields: Record<string, unknown> = {};
	const errors: FieldErrors<PackageField> = {};
	for (const key of PACKAGE_FIELDS) {
		const value = body[key];
		if (value === undefined) {
			continue;
		}
		if (!hasType(key, value)) {
			errors[key] = PACKAGE_MESSAGES[key];
			continue;
		}
		fields[key] = typeof value === 'string' ? value.trim() : value;
	}
	if (typeof fields.currency === 'string') {
		fields.currency = fields.currency.toUpperCase();
	}
	return { fields: fields as Partial<PackageTermsInput>, errors };
}

/**
 * Reads the known package fields of a JSON body, checking only their types; unknown keys are
 * ignored. Strings are trimmed and the currency upper-cased, so "eur " is accepted as "EUR".
 */
export function readPackageFields(
	body: Record<string, unknown>
): PackageParse<Partial<PackageTermsInput>> {
	const { fields, errors } = readTyped(body);
	return hasFieldErrors(errors) ? refused(errors) : { ok: true, value: fields };
}

/** A complete new package: every field present and every rule kept (all bad fields named). */
export function parseNewPackage(body: Record<string, unknown>): PackageParse<PackageTermsInput> {
	const { fields, errors } = readTyped(body);
	const missing = PACKAGE_FIELDS.filter((key) => body[key] === undefined);
	if (hasFieldErrors(errors) || missing.length > 0) {
		const all: FieldErrors<PackageField> = { ...ruleErrors(fields), ...errors };
		for (const key of missing) {
			all[key] = PACKAGE_MESSAGES[key];
		}
		return refused(all);
	}
	return checked(fields as PackageTermsInput);
}

/** The rule errors of the fields that are present (so a 400 names every bad field at once). */
function ruleErrors(partial: Partial<PackageTermsInput>): FieldErrors<PackageField> {
	const filled: PackageTermsInput = {
		name: 'x',
		sessionsTotal: 0,
		sessionMinutes: MIN_SESSION_MINUTES,
		priceCents: 0,
		currency: 'EUR',
		noShowConsumesSession: false,
		...partial
	};
	return packageFieldErrors(filled);
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
	const errors = packageFieldErrors(terms);
	if (hasFieldErrors(errors)) {
		return refused(errors);
	}
	// Anything the ledger refuses that the catalogue rules did not catch (none today).
	const problem = packageProblem(terms);
	return problem ? { ok: false, problem, fields: {} } : { ok: true, value: terms };
}
