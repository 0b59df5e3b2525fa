import { describe, expect, it } from 'vitest';
import {
	applyPackageEdit,
	PACKAGE_MESSAGES,
	packageFieldErrors,
	parseNewPackage,
	packageTermsProblem
} from './package-rules';

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

	it('names each missing field of a new package with its own message', () => {
		const parsed = parseNewPackage({ name: 'x', currency: 'EUR' });
		expect(parsed).toMatchObject({ ok: false, problem: expect.stringMatching(/and 3 more/) });
		expect(parsed.ok ? {} : Object.keys(parsed.fields)).toEqual([
			'sessionsTotal',
			'sessionMinutes',
			'priceCents',
			'noShowConsumesSession'
		]);
	});

	it('marks every bad field at once, not just the first', () => {
		const parsed = parseNewPackage({
			...valid,
			name: '',
			sessionMinutes: 2,
			priceCents: -5,
			currency: 'ZZZ'
		});
		expect(parsed.ok ? null : parsed.fields).toEqual({
			name: PACKAGE_MESSAGES.name,
			sessionMinutes: PACKAGE_MESSAGES.sessionMinutes,
			priceCents: PACKAGE_MESSAGES.priceCents,
			currency: PACKAGE_MESSAGES.currency
		});
		expect(packageFieldErrors({ ...valid, currency: 'ZZZ' })).toEqual({
			currency: PACKAGE_MESSAGES.currency
		});
	});

	it.each([
		[{ sessionsTotal: '6' }, 'sessionsTotal'],
		[{ noShowConsumesSession: 'yes' }, 'noShowConsumesSession'],
		[{ sessionsTotal: -1 }, 'sessionsTotal'],
		[{ sessionsTotal: 2.5 }, 'sessionsTotal'],
		[{ sessionMinutes: 4 }, 'sessionMinutes'],
		[{ sessionMinutes: 481 }, 'sessionMinutes'],
		[{ priceCents: -1 }, 'priceCents'],
		[{ priceCents: 1e12 }, 'priceCents'],
		[{ currency: 'EURO' }, 'currency'],
		[{ currency: 'ZZZ' }, 'currency'],
		[{ name: '   ' }, 'name']
	] as const)('refuses %o on its field', (change, field) => {
		const message = PACKAGE_MESSAGES[field];
		expect(parseNewPackage({ ...valid, ...change })).toEqual({
			ok: false,
			problem: message,
			fields: { [field]: message }
		});
	});

	it('accepts every real currency, e.g. JPY and CHF', () => {
		expect(packageTermsProblem({ ...valid, currency: 'JPY' })).toBeNull();
		expect(packageTermsProblem({ ...valid, currency: 'CHF' })).toBeNull();
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
