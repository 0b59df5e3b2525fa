/** ISO 4217 codes this runtime's Intl knows; anything else is refused before Stripe sees it. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCurrency(code: string): boolean {
	return CURRENCIES.has(code.toUpperCase());
}

/** "€450.00" style text for emails and PDFs; amounts stay integers in minor units everywhere else. */
export function formatMoney(cents: number, currency: string, locale = 'en-GB'): string {
	const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(cents / 10 ** digits);
}
