import { describe, expect, it } from 'vitest';
import { readCsv } from './bulk-invite-csv';
import {
	MAX_BULK_INVITES,
	nameFromEmail,
	parseBulkInvite,
	reviewBulkInvite,
	withEditedNames,
	type KnownStatus
} from './bulk-invite';

const people = (text: string) => parseBulkInvite(text).map(({ name, email }) => ({ name, email }));

describe('readCsv', () => {
	it('keeps separators, quotes and line breaks inside quoted fields', () => {
		const records = readCsv(
			'"Lee, Ann","ann@example.com"\n"Bo ""B"" Ek",bo@example.com\n"Two\nlines",x@y.z'
		);
		expect(records).toEqual([
			{ line: 1, fields: ['Lee, Ann', 'ann@example.com'] },
			{ line: 2, fields: ['Bo "B" Ek', 'bo@example.com'] },
			{ line: 3, fields: ['Two\nlines', 'x@y.z'] }
		]);
	});

	it('skips blank lines but counts them for line numbers, with CRLF endings and a BOM', () => {
		const records = readCsv('\uFEFFAnn,ann@example.com\r\n\r\n  \r\n;;\r\nBo,bo@example.com\r\n');
		expect(records.map((r) => r.line)).toEqual([1, 5]);
		expect(records[0]!.fields[0]).toBe('Ann');
	});
});

describe('parseBulkInvite', () => {
	it('reads name,email rows without a header', () => {
		expect(people('Ann Lee, ann@example.com\nBo Ek,bo@example.com')).toEqual([
			{ name: 'Ann Lee', email: 'ann@example.com' },
			{ name: 'Bo Ek', email: 'bo@example.com' }
		]);
	});

	it('finds the email column whatever its position, and joins the other fields as the name', () => {
		expect(people('ann@example.com;Ann;Lee')).toEqual([
			{ name: 'Ann Lee', email: 'ann@example.com' }
		]);
	});

	it('uses a header row to map columns (email first, first and last name)', () => {
		const text = 'E-mail;First name;Last name\nann@example.com;Ann;Lee\n';
		expect(people(text)).toEqual([{ name: 'Ann Lee', email: 'ann@example.com' }]);
		expect(parseBulkInvite(text)[0]!.line).toBe(2);
	});

	it('accepts a header with a BOM and quoted titles, as spreadsheets export it', () => {
		expect(people('\uFEFF"Name","Email"\n"Lee, Ann","ANN@example.com"')).toEqual([
			{ name: 'Lee, Ann', email: 'ANN@example.com' }
		]);
	});

	it('reads "Name <email>" lines and address lists separated by semicolons or commas', () => {
		expect(
			people(
				'Ann Lee <ann@example.com>\n"Ek, Bo" <bo@example.com>; Cy <cy@example.com>, dee@example.com'
			)
		).toEqual([
			{ name: 'Ann Lee', email: 'ann@example.com' },
			{ name: 'Ek, Bo', email: 'bo@example.com' },
			{ name: 'Cy', email: 'cy@example.com' },
			{ name: '', email: 'dee@example.com' }
		]);
	});

	it('reads tab-separated cells pasted from a spreadsheet', () => {
		expect(people('Ann\tann@example.com')).toEqual([{ name: 'Ann', email: 'ann@example.com' }]);
	});

	it('returns nothing for blank input', () => {
		expect(parseBulkInvite('\n \n\uFEFF')).toEqual([]);
		expect(parseBulkInvite('')).toEqual([]);
	});
});

describe('reviewBulkInvite', () => {
	const review = (text: string, known: [string, KnownStatus][] = []) =>
		reviewBulkInvite(parseBulkInvite(text), new Map(known)).map(
			({ line, email, status, reason }) => ({
				line,
				email,
				status,
				reason
			})
		);

	it('marks valid, invalid (with the reason), duplicate and already-known rows', () => {
		const rows = review(
			[
				'Ann,ann@example.com',
				'Bo,not-an-email',
				'Cy',
				'ANN again, Ann@Example.com ',
				'1234@example.com',
				'Eve,eve@example.com',
				'Fay,fay@example.com'
			].join('\n'),
			[
				['eve@example.com', 'active'],
				['fay@example.com', 'pending']
			]
		);
		expect(rows.map((r) => r.status)).toEqual([
			'valid',
			'invalid',
			'invalid',
			'duplicate',
			'invalid',
			'existing',
			'existing'
		]);
		expect(rows[0]).toEqual({ line: 1, email: 'ann@example.com', status: 'valid', reason: null });
		expect(rows[1]!.reason).toContain('not-an-email');
		expect(rows[2]!.reason).toBe('No email address.');
		expect(rows[3]).toMatchObject({ email: 'ann@example.com', reason: 'Same email as line 1.' });
		expect(rows[4]!.reason).toMatch(/No name/);
		expect(rows[4]!.email).toBe('1234@example.com');
		expect(rows[5]!.reason).toBe('Already your client.');
		expect(rows[6]!.reason).toMatch(/pending/);
	});

	it('lets a valid row through when an earlier row with the same email was invalid', () => {
		const rows = review('x'.repeat(101) + ',ann@example.com\nAnn,ann@example.com');
		expect(rows.map((r) => r.status)).toEqual(['invalid', 'valid']);
	});

	it('accepts a bare address, with a name made from it for the coach to check', () => {
		const rows = reviewBulkInvite(
			parseBulkInvite('dee.dale+work@example.com\nann@example.com'),
			new Map()
		);
		expect(rows[0]).toMatchObject({
			name: 'Dee Dale',
			email: 'dee.dale+work@example.com',
			status: 'valid',
			nameFromEmail: true
		});
		expect(rows[1]).toMatchObject({ name: 'Ann', status: 'valid', nameFromEmail: true });
	});

	it('reports a bare address already invited as already invited, not as missing a name', () => {
		const rows = review('fay@example.com\nFAY@example.com', [['fay@example.com', 'pending']]);
		expect(rows.map((r) => [r.status, r.reason])).toEqual([
			['existing', 'Already invited; the invitation is pending.'],
			['existing', 'Already invited; the invitation is pending.']
		]);
	});

	it('uses a name edited in the preview as typed, and a cleared one is missing', () => {
		const candidates = parseBulkInvite('dee@example.com\nEve,eve@example.com');
		const edited = withEditedNames(candidates, { '1|dee@example.com': ' Dee Dale ' });
		expect(reviewBulkInvite(edited, new Map())[0]).toMatchObject({
			name: 'Dee Dale',
			status: 'valid'
		});
		const cleared = withEditedNames(candidates, { '1|dee@example.com': '' });
		expect(reviewBulkInvite(cleared, new Map())[0]).toMatchObject({ status: 'invalid' });
		expect(reviewBulkInvite(cleared, new Map())[1]).toMatchObject({ name: 'Eve', status: 'valid' });
	});

	it('makes names from addresses: separators become spaces, digits go', () => {
		expect(nameFromEmail('ann.lee@example.com')).toBe('Ann Lee');
		expect(nameFromEmail('bo_ek-2@example.com')).toBe('Bo Ek');
		expect(nameFromEmail('1234@example.com')).toBe('');
	});

	it('refuses names longer than the server accepts', () => {
		const rows = review(`${'x'.repeat(101)},long@example.com`);
		expect(rows[0]!.status).toBe('invalid');
	});

	it(`refuses rows past ${MAX_BULK_INVITES}, so nothing surprising is sent`, () => {
		const lines = Array.from({ length: MAX_BULK_INVITES + 2 }, (_, i) => `P${i},p${i}@example.com`);
		const rows = review(lines.join('\n'));
		expect(rows.filter((r) => r.status === 'valid')).toHaveLength(MAX_BULK_INVITES);
		expect(rows.at(-1)!.status).toBe('invalid');
	});
});
