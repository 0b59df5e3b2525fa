import { describe, expect, it } from 'vitest';
import { formatMoney, isKnownCurrency } from './money';

describe('money', () => {
	it('knows ISO 4217 currencies only', () => {
		expect(isKnownCurrency('EUR')).toBe(true);
		expect(isKnownCurrency('usd')).toBe(true);
		expect(isKnownCurrency('XYZ')).toBe(false);
	});

	it('formats minor units with the currency’s own number of digits', () => {
		expect(formatMoney(45000, 'EUR')).toBe('€450.00');
		expect(formatMoney(4500, 'JPY')).toBe('JP¥4,500');
	});
});
