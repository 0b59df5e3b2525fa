import { afterEach, describe, expect, it, vi } from 'vitest';
import { OFFLINE_MESSAGE } from '../../api/client';
import { reasonText, schedulingRequest } from './scheduling-request';

const reply = (status: number, body: unknown) => {
	vi.stubGlobal(
		'fetch',
		vi.fn(async () => new Response(JSON.stringify(body), { status }))
	);
};

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('scheduling API errors as data', () => {
	it('maps slot-taken to the one sentence people read', async () => {
		reply(409, { error: 'This time was just taken.', code: 'slot-taken' });
		expect(await schedulingRequest('/x')).toEqual({
			ok: false,
			problem: 'slot-taken',
			message: 'This time was just taken. Pick another.'
		});
	});

	it('passes other refusals through with the server’s message', async () => {
		reply(400, { error: 'Times must look like 09:00.', code: 'invalid-input' });
		expect(await schedulingRequest('/x')).toEqual({
			ok: false,
			problem: 'refused',
			message: 'Times must look like 09:00.'
		});
	});

	it('tells no answer apart from a refusal', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
		);
		expect(await schedulingRequest('/x')).toMatchObject({ ok: false, problem: 'offline' });
		// One offline sentence for the whole app: the shared client's.
		expect(await schedulingRequest('/x')).toMatchObject({ message: OFFLINE_MESSAGE });
		reply(503, {});
		expect(await schedulingRequest('/x')).toMatchObject({ ok: false, problem: 'offline' });
	});

	it('words the slot list’s reason, code or sentence', () => {
		expect(reasonText('self-booking-off')).toBe('Your coach books your sessions.');
		expect(reasonText('Something else.')).toBe('Something else.');
	});

	it('keeps the per-field messages of a refused form', async () => {
		const fields = { maxDaysAhead: 'Days ahead: a whole number from 1 to 365.' };
		reply(400, { error: fields.maxDaysAhead, code: 'invalid-input', fields });
		expect(await schedulingRequest('/x')).toEqual({
			ok: false,
			problem: 'refused',
			message: fields.maxDaysAhead,
			fields
		});
	});
});
