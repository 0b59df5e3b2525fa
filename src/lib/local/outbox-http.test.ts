import { describe, expect, it } from 'vitest';
import { HTTP_KIND, httpOutboxSend } from './outbox-http';

function fakeFetch(status: number, body: unknown = {}) {
	const calls: { url: string; init: RequestInit }[] = [];
	const fetch = (async (url: string, init: RequestInit) => {
		calls.push({ url, init });
		return new Response(JSON.stringify(body), { status });
	}) as unknown as typeof globalThis.fetch;
	return { fetch, calls };
}

const request = (payload: unknown) => ({
	id: 'entry-1',
	kind: HTTP_KIND,
	payload,
	attempt: 1,
	headers: { 'Idempotency-Key': 'entry-1' }
});

describe('httpOutboxSend', () => {
	it('sends JSON with the idempotency key and reports success', async () => {
		const { fetch, calls } = fakeFetch(201);
		const send = httpOutboxSend(fetch);
		const result = await send(request({ method: 'POST', path: '/api/invites', body: { a: 1 } }));
		expect(result).toBe('sent');
		expect(calls[0]?.url).toBe('/api/invites');
		expect(calls[0]?.init.body).toBe('{"a":1}');
		expect((calls[0]?.init.headers as Record<string, string>)['Idempotency-Key']).toBe('entry-1');
	});

	it('keeps a refused request with the server message, retries 401 and 5xx', async () => {
		const body = { method: 'POST', path: '/api/invites', body: {} };
		expect(
			await httpOutboxSend(fakeFetch(409, { error: 'Already a client.', code: 'conflict' }).fetch)(
				request(body)
			)
		).toEqual({
			rejected: 'Already a client.'
		});
		expect(await httpOutboxSend(fakeFetch(401).fetch)(request(body))).toBe('retry');
		expect(await httpOutboxSend(fakeFetch(503).fetch)(request(body))).toBe('retry');
	});

	it('refuses anything but a same-origin API request', async () => {
		const { fetch, calls } = fakeFetch(200);
		const send = httpOutboxSend(fetch);
		const result = await send(request({ method: 'POST', path: 'https://evil.example/api/x' }));
		expect(result).toEqual({ rejected: expect.any(String) });
		expect(calls).toHaveLength(0);
	});
});
