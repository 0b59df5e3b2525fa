import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { AvailabilitySettings, availabilityProblem } from './availability-settings.svelte';
import { AVAILABILITY_MESSAGES } from '../../domain/scheduling-availability';
import { emptyAvailability } from './types';

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('availability draft', () => {
	it('names the first problem before saving', () => {
		const value = emptyAvailability('Europe/Berlin');
		expect(availabilityProblem(value)).toBeNull();
		value.weekly.sat = [{ start: '12:00', end: '10:00' }];
		expect(availabilityProblem(value)).toMatch(/must end after it starts/);
		value.weekly.sat = [
			{ start: '09:00', end: '12:00' },
			{ start: '11:00', end: '13:00' }
		];
		expect(availabilityProblem(value)).toMatch(/must not overlap/);
		value.weekly.sat = [];
		value.overrides = [{ date: '', intervals: [] }];
		expect(availabilityProblem(value)).toMatch(/Pick a date/);
	});

	it('a coach who never saved starts in the browser’s zone, not UTC', async () => {
		// Node re-reads TZ when it is assigned; this stands in for the browser's zone.
		const before = process.env.TZ;
		process.env.TZ = 'America/Denver';
		onTestFinished(() => {
			if (before === undefined) {
				delete process.env.TZ;
			} else {
				process.env.TZ = before;
			}
		});
		const unset = {
			...emptyAvailability('UTC'),
			weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
		};
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => new Response(JSON.stringify({ availability: unset })))
		);
		const settings = new AvailabilitySettings();
		await settings.load();
		expect(settings.draft?.timeZone).toBe('America/Denver');

		const saved = { ...emptyAvailability('Asia/Tokyo') };
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => new Response(JSON.stringify({ availability: saved })))
		);
		await settings.load();
		expect(settings.draft?.timeZone).toBe('Asia/Tokyo');
	});

	it('does not send a draft with a problem', async () => {
		const fetch = vi.fn(
			async () => new Response(JSON.stringify({ availability: emptyAvailability('UTC') }))
		);
		vi.stubGlobal('fetch', fetch);
		const settings = new AvailabilitySettings();
		await settings.load();
		settings.draft!.weekly.mon = [{ start: '10:00', end: '09:00' }];
		expect(await settings.save()).toBe(false);
		expect(settings.problem).toMatch(/must end after it starts/);
		expect(fetch).toHaveBeenCalledTimes(1);
	});

	it('marks each bad booking rule on its own field, keeping what was typed', async () => {
		const fetch = vi.fn(
			async () => new Response(JSON.stringify({ availability: emptyAvailability('UTC') }))
		);
		vi.stubGlobal('fetch', fetch);
		const settings = new AvailabilitySettings();
		await settings.load();
		settings.draft!.cancelNoticeHours = -1;
		settings.draft!.maxDaysAhead = 0;
		expect(await settings.save()).toBe(false);
		expect(settings.fieldErrors).toEqual({
			maxDaysAhead: AVAILABILITY_MESSAGES.maxDaysAhead,
			cancelNoticeHours: AVAILABILITY_MESSAGES.cancelNoticeHours
		});
		expect(settings.problem).toBe('Fix the 2 marked booking rules.');
		expect(settings.draft!.cancelNoticeHours).toBe(-1);
		expect(fetch).toHaveBeenCalledTimes(1);
	});

	it('shows the server’s per-field messages from a 400', async () => {
		const fields = { maxDaysAhead: AVAILABILITY_MESSAGES.maxDaysAhead };
		const fetch = vi
			.fn()
			.mockResolvedValueOnce(
				new Response(JSON.stringify({ availability: emptyAvailability('UTC') }))
			)
			.mockResolvedValueOnce(
				new Response(JSON.stringify({ error: 'x', code: 'invalid-input', fields }), {
					status: 400
				})
			);
		vi.stubGlobal('fetch', fetch);
		const settings = new AvailabilitySettings();
		await settings.load();
		expect(await settings.save()).toBe(false);
		expect(settings.fieldErrors).toEqual(fields);
		expect(settings.problem).toBe('Fix the marked booking rule.');
	});
});
