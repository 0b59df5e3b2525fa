import { describe, expect, it } from 'vitest';
import {
	blankFields,
	fieldsFrom,
	inputFrom,
	recordPrefill,
	type SessionFields
} from './ledger-form';

const fields = (overrides: Partial<SessionFields> = {}): SessionFields => ({
	kind: 'phone',
	date: '2026-03-10',
	time: '14:30',
	minutes: '45',
	outcome: 'completed',
	note: '  Called from the train. ',
	complimentary: false,
	bookingId: null,
	...overrides
});
const now = new Date(2026, 2, 11).getTime();

describe('inputFrom', () => {
	it('reads the local date, time and length into a ledger input', () => {
		const start = new Date(2026, 2, 10, 14, 30).getTime();
		expect(inputFrom(fields(), now)).toEqual({
			kind: 'phone',
			startedAt: start,
			endedAt: start + 45 * 60_000,
			outcome: 'completed',
			note: 'Called from the train.',
			complimentary: false,
			bookingId: null
		});
	});

	it('a blank form records nothing until the time and the outcome are chosen', () => {
		const blank = blankFields(45, now);
		expect(blank).toMatchObject({ date: '2026-03-11', time: '', minutes: '45', outcome: '' });
		expect(inputFrom(blank, now)).toMatch(/how the session went/);
		expect(inputFrom({ ...blank, outcome: 'completed' }, now)).toMatch(/date and time/);
	});

	it('carries the booking and the complimentary mark', () => {
		expect(inputFrom(fields({ bookingId: 'b1', complimentary: true }), now)).toMatchObject({
			bookingId: 'b1',
			complimentary: true
		});
	});

	it.each([
		[{ date: '' }, /date and time/],
		[{ time: '9pm' }, /date and time/],
		[{ minutes: '0' }, /whole number of minutes/],
		[{ minutes: '45.5' }, /whole number of minutes/],
		[{ minutes: '601' }, /whole number of minutes/],
		[{ date: '2026-03-20' }, /not in the future/],
		[{ note: 'x'.repeat(5001) }, /too long/],
		[{ outcome: 'cancelled' as never }, /outcome/]
	])('refuses %j', (overrides, message) => {
		expect(inputFrom(fields(overrides), now)).toMatch(message);
	});

	it('round-trips through fieldsFrom', () => {
		const input = inputFrom(fields(), now);
		if (typeof input === 'string') {
			throw new Error(input);
		}
		const back = fieldsFrom({ ...input, endedAt: input.endedAt ?? null, note: input.note ?? '' });
		expect(back).toEqual(fields({ note: 'Called from the train.' }));
		expect(fieldsFrom({ ...input, endedAt: null, note: '' }, 30).minutes).toBe('30');
	});
});

describe('recordPrefill', () => {
	const parse = (query: string) => recordPrefill(new URLSearchParams(query));

	it('reads what the call page passes', () => {
		expect(parse('kind=audio&startedAt=1000&endedAt=61000&booking=b1')).toEqual({
			kind: 'audio',
			startedAt: 1000,
			endedAt: 61000,
			booking: 'b1'
		});
	});

	it('an end before the start, or missing, becomes the start', () => {
		expect(parse('kind=video&startedAt=5000&endedAt=10')?.endedAt).toBe(5000);
		expect(parse('kind=video&startedAt=5000')?.endedAt).toBe(5000);
	});

	it.each([
		'',
		'kind=fax&startedAt=1',
		'kind=video',
		'kind=video&startedAt=soon',
		'kind=video&startedAt=-4'
	])('is null for %j', (query) => {
		expect(parse(query)).toBeNull();
	});
});
