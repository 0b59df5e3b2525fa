import { afterEach, describe, expect, it, vi } from 'vitest';
import { reasonText, schedulingRequest } from './scheduling-api';

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
	it('maps slot-taken in either error shape to the one sentence people read', async () => {
		reply(409, { error: 'This time was just taken.', code: 'slot-taken' });
		expect(await schedulingRequest('/x')).toEqual({
			ok: false,
			problem: 'slot-taken',
			message: 'This time was just taken. Pick another.'
		});
		reply(409, { error: { code: 'slot-taken', message: 'This time was just taken.' } });
		expect(await schedulingRequest('/x')).toMatchObject({ problem: 'slot-taken' });
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
		reply(503, {});
		expect(await schedulingRequest('/x')).toMatchObject({ ok: false, problem: 'offline' });
	});

	it('words the slot list’s reason, code or sentence', () => {
		expect(reasonText('self-booking-off')).toBe('Your coach books your sessions.');
		expect(reasonText('Something else.')).toBe('Something else.');
	});
});
