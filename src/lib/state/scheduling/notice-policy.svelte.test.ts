import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insideNotice, NoticePolicy, noticeText } from './notice-policy.svelte';

const HOUR = 3_600_000;

function memoryStorage(): Storage {
	const store = new Map<string, string>();
	return {
		getItem: (k: string) => store.get(k) ?? null,
		setItem: (k: string, v: string) => void store.set(k, v),
		removeItem: (k: string) => void store.delete(k)
	} as Storage;
}

function serveNotice(hours: number) {
	const urls: string[] = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(async (url: string) => {
			urls.push(url);
			const body = { timeZone: 'UTC', sessionMinutes: 60, slots: [], canBook: true };
			return new Response(JSON.stringify({ ...body, maxDaysAhead: 30, cancelNoticeHours: hours }), {
				status: 200,
				headers: { 'content-type': 'application/json' }
			});
		})
	);
	return urls;
}

beforeEach(() => {
	vi.stubGlobal('localStorage', memoryStorage());
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('the cancellation notice policy', () => {
	it('reads as the client sees it', () => {
		expect(noticeText(24)).toBe(
			'Changes are possible up to 24 hours before a session; after that, ask your coach.'
		);
		expect(noticeText(1)).toMatch(/up to 1 hour before/);
		expect(noticeText(0)).toBe('Changes are possible until a session starts.');
	});

	it('the window opens exactly the notice hours before the start', () => {
		const startsAt = Date.parse('2026-03-02T09:00:00Z');
		expect(insideNotice(startsAt, 24, startsAt - 24 * HOUR)).toBe(false);
		expect(insideNotice(startsAt, 24, startsAt - 24 * HOUR + 1)).toBe(true);
		expect(insideNotice(startsAt, 0, startsAt - 1)).toBe(false);
		expect(insideNotice(startsAt, 0, startsAt + 1)).toBe(true);
	});

	it('asks the server once online and keeps the answer for offline', async () => {
		const urls = serveNotice(36);
		const online = new NoticePolicy('e1');
		expect(online.hours).toBeNull();
		await online.refresh('Asia/Kolkata');
		expect(urls[0]).toMatch(/^\/api\/engagements\/e1\/slots\?from=[\d-]+&days=1&timeZone=/);
		expect(online.hours).toBe(36);

		vi.stubGlobal(
			'fetch',
			vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
		);
		const offline = new NoticePolicy('e1');
		await offline.refresh('UTC');
		expect(offline.hours).toBe(36);
		// Each engagement has its own coach and policy.
		expect(new NoticePolicy('e2').hours).toBeNull();
	});

	it('ignores what is not a whole number of hours', () => {
		localStorage.setItem('tandem.notice:e1', '"soon"');
		const policy = new NoticePolicy('e1');
		expect(policy.hours).toBeNull();
		policy.remember(12);
		expect(new NoticePolicy('e1').hours).toBe(12);
	});
});
