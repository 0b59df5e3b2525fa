/** Prices are stored in the currency's minor unit (cents); these convert for people. */

function fractionDigits(currency: string): number {
	try {
		return (
			new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits ?? 2
		);
	} catch {
		return 2;
	}
}

/** "€120.00" in the viewer's locale; falls back to "120.00 XYZ" for codes Intl does not know. */
export function formatMoney(minorUnits: number, currency: string): string {
	const digits = fractionDigits(currency);
	const amount = minorUnits / 10 ** digits;
	try {
		return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
	} catch {
		return `${amount.toFixed(digits)} ${currency}`;
	}
}

/** "120", "120.5", "120,50" → minor units; null when it is not a non-negative amount. */
export function parseMoney(text: string, currency: string): number | null {
	const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
	if (!/^\d+(\.\d+)?$/.test(cleaned)) {
		return null;
	}
	const digits = fractionDigits(currency);
	const [whole = '0', fraction = ''] = cleaned.split('.');
	if (fraction.length > digits) {
		return null;
	}
	return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** The amount as the form shows it for editing ("120.00"). */
export function moneyInput(minorUnits: number, currency: string): string {
	const digits = fractionDigits(currency);
	return (minorUnits / 10 ** digits).toFixed(digits);
}
