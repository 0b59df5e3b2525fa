import { describe, expect, it } from 'vitest';
import { MAX_PHONE_LENGTH, parsePhone, telHref } from './phone';

describe('parsePhone', () => {
	it('keeps a plausible number as typed, tidied', () => {
		expect(parsePhone('  +44  20 7946 0958 ')).toEqual({ ok: true, value: '+44 20 7946 0958' });
		expect(parsePhone('(555) 010-9999')).toEqual({ ok: true, value: '(555) 010-9999' });
		expect(parsePhone('06.12.34.56.78')).toEqual({ ok: true, value: '06.12.34.56.78' });
	});

	it('clears the number on null or blank text', () => {
		expect(parsePhone(null)).toEqual({ ok: true, value: null });
		expect(parsePhone('   ')).toEqual({ ok: true, value: null });
	});

	it.each([
		['letters', 'call me maybe'],
		['too few digits', '+1 234'],
		['too many digits', '+1234567890123456'],
		['a plus in the middle', '12+3456789'],
		['an email', 'cody@example.com']
	])('refuses %s', (_label, input) => {
		const parsed = parsePhone(input);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.problem).toMatch(/6 to 15 digits/);
	});

	it('refuses overlong text and non-text with their own message', () => {
		const long = parsePhone(`+1 ${'2 '.repeat(MAX_PHONE_LENGTH)}`);
		expect(!long.ok && long.problem).toMatch(/too long/);
		const number = parsePhone(447_700_900_123);
		expect(!number.ok && number.problem).toMatch(/must be text/);
	});
});

describe('telHref', () => {
	it('keeps digits and a leading plus', () => {
		expect(telHref('+44 (0) 20-7946 0958')).toBe('tel:+4402079460958');
		expect(telHref('555 010 9999')).toBe('tel:5550109999');
	});
});
