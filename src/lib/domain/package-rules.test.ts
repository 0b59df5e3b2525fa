import { describe, expect, it } from 'vitest';
import { applyPackageEdit, parseNewPackage, packageTermsProblem } from './package-rules';

const valid = {
	name: 'Six sessions',
	sessionsTotal: 6,
	sessionMinutes: 50,
	priceCents: 45000,
	currency: 'EUR',
	noShowConsumesSession: true
};

describe('package rules', () => {
	it('accepts a complete package and normalises name and currency', () => {
		expect(parseNewPackage({ ...valid, name: '  Six  ', currency: 'eur ' })).toEqual({
			ok: true,
			value: { ...valid, name: 'Six', currency: 'EUR' }
		});
	});

	it('names the missing fields of a new package', () => {
		expect(parseNewPackage({ name: 'x', currency: 'EUR' })).toEqual({
			ok: false,
			problem: 'Missing "sessionsTotal", "sessionMinutes", "priceCents", "noShowConsumesSession".'
		});
	});

	it.each([
		[{ sessionsTotal: '6' }, '"sessionsTotal" must be a whole number.'],
		[{ noShowConsumesSession: 'yes' }, '"noShowConsumesSession" must be true or false.'],
		[{ sessionsTotal: -1 }, 'The number of sessions must be a whole number, 0 or more.'],
		[{ sessionsTotal: 2.5 }, 'The number of sessions must be a whole number, 0 or more.'],
		[{ sessionMinutes: 4 }, 'Session length must be between 5 and 480 minutes.'],
		[{ sessionMinutes: 481 }, 'Session length must be between 5 and 480 minutes.'],
		[{ priceCents: -1 }, 'The price must be a whole number of cents, 0 or more.'],
		[{ priceCents: 1e12 }, 'The price is too high.'],
		[{ currency: 'EURO' }, 'Use a three-letter currency code, like EUR.'],
		[{ name: '   ' }, 'Give the package a name (up to 200 characters).']
	])('refuses %o', (change, problem) => {
		expect(parseNewPackage({ ...valid, ...change })).toEqual({ ok: false, problem });
	});

	it('allows the bounds themselves', () => {
		expect(packageTermsProblem({ ...valid, sessionMinutes: 5, sessionsTotal: 0 })).toBeNull();
		expect(packageTermsProblem({ ...valid, sessionMinutes: 480, priceCents: 0 })).toBeNull();
	});

	it('applies an edit over the current terms and checks the result', () => {
		expect(applyPackageEdit(valid, { priceCents: 50000, unknown: 1 })).toEqual({
			ok: true,
			value: { ...valid, priceCents: 50000 }
		});
		expect(applyPackageEdit(valid, { sessionMinutes: 0 })).toMatchObject({ ok: false });
	});
});
