import { describe, expect, it } from 'vitest';
import { eventInputSchema, readInputSchema, settingsSchema } from './notifications';
import { parseWith } from './parse';

const message = (parsed: ReturnType<typeof parseWith>) => (parsed.ok ? null : parsed.message);

describe('POST /api/events body', () => {
	const event = { engagementId: 'e1', kind: 'goal-completed', eventId: 'goal:g:completed:1' };

	it('takes a reported event as is', () => {
		expect(parseWith(eventInputSchema, event)).toEqual({ ok: true, value: event });
	});

	it('names the first broken field, a missing one like an empty one', () => {
		expect(message(parseWith(eventInputSchema, [event]))).toBe(
			'Send a JSON object { engagementId, kind, eventId }.'
		);
		expect(message(parseWith(eventInputSchema, { kind: 'message' }))).toBe(
			'engagementId is required.'
		);
		expect(message(parseWith(eventInputSchema, { ...event, kind: 'party' }))).toMatch(
			/^kind must be one of: invite-accepted, message, /
		);
		expect(message(parseWith(eventInputSchema, { ...event, eventId: 'x'.repeat(201) }))).toBe(
			'eventId must be 1 to 200 characters.'
		);
	});
});

describe('POST /api/notifications/read body', () => {
	const SHAPE = 'Send { "ids": ["…"] } or { "all": true }.';

	it('reads { all: true } as every notification, whatever else is sent', () => {
		expect(parseWith(readInputSchema, { all: true, ids: 'junk' })).toEqual({
			ok: true,
			value: { ids: null }
		});
		expect(parseWith(readInputSchema, { all: false, ids: ['a'] })).toEqual({
			ok: true,
			value: { ids: ['a'] }
		});
	});

	it('refuses everything else with one sentence', () => {
		const tooMany = Array.from({ length: 501 }, (_, i) => `n${i}`);
		for (const body of [
			{},
			{ all: 'yes' },
			{ ids: [''] },
			{ ids: ['x'.repeat(101)] },
			{ ids: tooMany },
			null
		]) {
			expect(message(parseWith(readInputSchema, body))).toBe(SHAPE);
		}
	});
});

describe('PUT /api/settings body', () => {
	it('wants a boolean', () => {
		expect(message(parseWith(settingsSchema, { emailNotifications: 'yes' }))).toBe(
			'emailNotifications must be true or false.'
		);
		expect(message(parseWith(settingsSchema, []))).toBe(
			'emailNotifications must be true or false.'
		);
	});
});
