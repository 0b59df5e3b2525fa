import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AVAILABILITY_MESSAGES } from '../domain/scheduling-availability';
import { parseWith } from './parse';
import {
	availabilitySchema,
	bookingRangeQuerySchema,
	bookingRequestSchema,
	cancelSchema,
	rescheduleSchema,
	slotQuerySchema
} from './scheduling';

// The schema as the endpoint reads a body: the one sentence, and each bad field's own.
function parseAvailability(body: unknown) {
	const parsed = parseWith(availabilitySchema, body);
	return parsed.ok
		? parsed
		: { ok: false as const, problem: parsed.message, fields: parsed.fields };
}

const valid = {
	timeZone: 'Asia/Ho_Chi_Minh',
	weekly: {
		mon: [
			{ start: '09:00', end: '12:00' },
			{ start: '13:00', end: '24:00' }
		]
	},
	bufferMinutes: 10,
	minNoticeMinutes: 120,
	maxDaysAhead: 30,
	cancelNoticeHours: 24,
	overrides: [{ date: '2026-04-30', intervals: [] }]
};

describe('availabilitySchema', () => {
	it('parses availability, filling missing weekdays as closed', () => {
		const parsed = parseAvailability(valid);
		expect(parsed).toMatchObject({ ok: true, value: { weekly: { tue: [], sun: [] } } });
	});

	it.each([
		[{ timeZone: 'Mars/Olympus' }, 'timeZone'],
		[{ weekly: { mon: [{ start: '12:00', end: '09:00' }] } }, 'end after it starts'],
		[
			{
				weekly: {
					mon: [
						{ start: '09:00', end: '12:00' },
						{ start: '11:00', end: '13:00' }
					]
				}
			},
			'overlap'
		],
		[{ weekly: { mon: [{ start: '9', end: '12:00' }] } }, '24-hour'],
		[{ overrides: [{ date: '2026-02-30', intervals: [] }] }, 'date'],
		[{ bufferMinutes: -1 }, 'Buffer between sessions'],
		[{ maxDaysAhead: 0 }, 'Days ahead: a whole number from 1']
	])('refuses %j naming the rule', (change, words) => {
		const parsed = parseAvailability({ ...valid, ...change });
		expect(parsed.ok).toBe(false);
		expect(parsed.ok ? '' : parsed.problem).toContain(words);
	});

	it('names each bad booking rule on its own field, in words (no raw "maxDaysAhead")', () => {
		const parsed = parseAvailability({
			...valid,
			cancelNoticeHours: -1,
			maxDaysAhead: 9999,
			bufferMinutes: 15
		});
		expect(parsed).toEqual({
			ok: false,
			problem: AVAILABILITY_MESSAGES.maxDaysAhead,
			fields: {
				maxDaysAhead: AVAILABILITY_MESSAGES.maxDaysAhead,
				cancelNoticeHours: AVAILABILITY_MESSAGES.cancelNoticeHours
			}
		});
	});

	it('names a missing rule as it names a wrong one, and a non-object as a whole', () => {
		const missing: Record<string, unknown> = { ...valid };
		delete missing.maxDaysAhead;
		expect(parseAvailability(missing)).toMatchObject({
			problem: AVAILABILITY_MESSAGES.maxDaysAhead,
			fields: { maxDaysAhead: AVAILABILITY_MESSAGES.maxDaysAhead }
		});
		expect(parseAvailability(null)).toMatchObject({
			problem: 'Send the availability as a JSON object.'
		});
	});

	it('names the override in the message of its ranges, refuses a date twice, and sorts by date', () => {
		const range = (start: string, end: string) => [{ start, end }];
		expect(
			parseAvailability({
				...valid,
				overrides: [{ date: '2026-05-01', intervals: range('10:00', '09:00') }]
			})
		).toMatchObject({
			problem: 'The override of 2026-05-01: A range must end after it starts (10:00–09:00).'
		});
		expect(
			parseAvailability({
				...valid,
				overrides: [
					{ date: '2026-05-01', intervals: [] },
					{ date: '2026-05-01', intervals: [] }
				]
			})
		).toMatchObject({ problem: '2026-05-01 appears twice in the overrides.' });
		const sorted = parseAvailability({
			...valid,
			overrides: [
				{ date: '2026-05-02', intervals: null },
				{ date: '2026-05-01', intervals: range('09:00', '10:00') }
			]
		});
		expect(sorted.ok && sorted.value.overrides.map((o) => o.date)).toEqual([
			'2026-05-01',
			'2026-05-02'
		]);
	});
});

describe('booking schemas', () => {
	it('reads an instant only with its zone, as epoch ms', () => {
		const body = { startsAt: '2026-03-30T10:00:00+02:00', kind: 'video', timeZone: 'UTC' };
		expect(v.parse(bookingRequestSchema, body).startsAt).toBe(Date.UTC(2026, 2, 30, 8));
		const floating = parseWith(bookingRequestSchema, { ...body, startsAt: '2026-03-30T10:00' });
		expect(floating).toMatchObject({
			ok: false,
			message: '"startsAt" must be an ISO time with a zone, e.g. 2026-03-30T08:00:00Z.'
		});
	});

	it('names a missing field with its own rule, not the object', () => {
		expect(
			parseWith(bookingRequestSchema, { startsAt: '2026-03-30T08:00:00Z', timeZone: 'UTC' })
		).toMatchObject({
			ok: false,
			message: '"kind" must be "video", "audio" or "phone".'
		});
		expect(parseWith(rescheduleSchema, {})).toMatchObject({
			message: 'Send { "startsAt": "<ISO time>" }.'
		});
	});

	it("keeps the booking's zone on a move without one, and a blank reason is none", () => {
		expect(v.parse(rescheduleSchema, { startsAt: '2026-03-30T08:00:00Z' }).timeZone).toBeNull();
		expect(v.parse(cancelSchema, { reason: '  ' })).toEqual({ reason: null });
		expect(v.parse(cancelSchema, { reason: ' ill ' })).toEqual({ reason: 'ill' });
		expect(parseWith(cancelSchema, { reason: 'x'.repeat(1001) })).toMatchObject({
			message: '"reason" must be text of at most 1000 characters.'
		});
	});

	it('reads the slot query with its defaults and bounds', () => {
		expect(v.parse(slotQuerySchema, {})).toEqual({ from: null, days: 7, timeZone: null });
		expect(parseWith(slotQuerySchema, { days: '63' })).toMatchObject({
			message: '"days" must be a whole number from 1 to 62.'
		});
		expect(parseWith(slotQuerySchema, { days: '1.5' }).ok).toBe(false);
		expect(parseWith(slotQuerySchema, { from: '2026-02-30' })).toMatchObject({
			message: '"from" must be a date like 2026-03-30.'
		});
		expect(parseWith(bookingRangeQuerySchema, { from: 'yesterday' })).toMatchObject({
			message: '"from" and "to" must be ISO times with a zone, "from" before "to".'
		});
	});
});
