/**
 * ISO 4217 currency codes as this runtime's Intl knows them (Node and browsers ship the same
 * CLDR list), so "ZZZ" or "ABC" are refused while every real currency is accepted.
 */
let known: ReadonlySet<string> | null = null;

function codes(): ReadonlySet<string> {
	// Intl.supportedValuesOf is in every runtime we ship to (Node 18+, evergreen browsers).
	known ??= new Set(Intl.supportedValuesOf('currency'));
	return known;
}

export function isCurrencyCode(code: string): boolean {
	return /^[A-Z]{3}$/.test(code) && codes().has(code);
}
