import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { apiRequest, OFFLINE_MESSAGE, outboxOutcome } from './client';

// The client's seam is `fetch`; these answers are what a real server, a proxy or no network give.
const answer =
	(status: number, body: unknown, headers: Record<string, string> = {}) =>
	async () =>
		new Response(body === undefined ? null : JSON.stringify(body), { status, headers });

describe('apiRequest', () => {
	it('returns the body of a success', async () => {
		const result = await apiRequest('/api/x', { fetch: answer(200, { a: 1 }) });
		expect(result).toEqual({ ok: true, data: { a: 1 } });
	});

	it('checks a success body against its schema', async () => {
		const schema = v.object({ a: v.number() });
		const good = await apiRequest('/api/x', { fetch: answer(200, { a: 1 }), schema });
		const bad = await apiRequest('/api/x', { fetch: answer(200, { a: 'one' }), schema });
		expect(good.ok).toBe(true);
		expect(bad.ok).toBe(false);
		expect(!bad.ok && bad.offline).toBe(false);
	});

	it('keeps the code, message and fields of a refusal', async () => {
		const result = await apiRequest('/api/x', {
			method: 'POST',
			body: {},
			fetch: answer(400, { error: 'Name it.', code: 'invalid-input', fields: { name: 'Name it.' } })
		});
		expect(result).toMatchObject({
			ok: false,
			offline: false,
			status: 400,
			code: 'invalid-input',
			error: 'Name it.',
			fields: { name: 'Name it.' }
		});
	});

	it('reads Retry-After on a 429', async () => {
		const result = await apiRequest('/api/x', {
			fetch: answer(429, { error: 'Slow down.', code: 'rate-limited' }, { 'retry-after': '30' })
		});
		expect(result).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 30 });
	});

	it('treats a body that is not ours as an unknown refusal with a generic sentence', async () => {
		const result = await apiRequest('/api/x', { fetch: answer(418, { nope: true }) });
		expect(result).toMatchObject({ offline: false, code: 'unknown', status: 418 });
		expect(!result.ok && result.error).toContain('418');
	});

	it('calls no answer and 502-504 offline', async () => {
		const thrown = await apiRequest('/api/x', {
			fetch: async () => {
				throw new TypeError('Failed to fetch');
			}
		});
		const gateway = await apiRequest('/api/x', { fetch: answer(503, undefined) });
		for (const result of [thrown, gateway]) {
			expect(result).toMatchObject({ ok: false, offline: true, error: OFFLINE_MESSAGE });
		}
	});
});

describe('outboxOutcome', () => {
	it('sends 2xx, retries 401, 429 and 5xx, and keeps the message of other refusals', async () => {
		expect(await outboxOutcome(new Response(null, { status: 204 }))).toBe('sent');
		for (const status of [401, 429, 500, 503]) {
			expect(await outboxOutcome(new Response(null, { status }))).toBe('retry');
		}
		const refused = new Response(JSON.stringify({ error: 'Gone.', code: 'gone' }), { status: 410 });
		expect(await outboxOutcome(refused)).toEqual({ rejected: 'Gone.' });
		expect(await outboxOutcome(new Response('<html>', { status: 404 }))).toEqual({
			rejected: 'The server refused the request (404).'
		});
	});
});

describe('apiRequest with readRefusal: false', () => {
	it('reports the status of a refusal without reading its body', async () => {
		const response = new Response(
			JSON.stringify({ error: 'Not signed in.', code: 'unauthenticated' }),
			{
				status: 401
			}
		);
		const result = await apiRequest('/api/me', { fetch: async () => response, readRefusal: false });
		expect(result).toMatchObject({ ok: false, offline: false, status: 401, code: 'unknown' });
		expect(response.bodyUsed).toBe(false);
	});
});
