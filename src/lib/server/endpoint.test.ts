import type { RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicUser } from '../domain/account';
import { endpoint, sendResult } from './endpoint';
import { err, ok } from './errors';
import { provideServices, type Services } from './services';

const coach = {
	id: 'u1',
	role: 'coach',
	name: 'C',
	email: 'c@example.com'
} as unknown as PublicUser;
const client = { ...coach, id: 'u2', role: 'client' } as unknown as PublicUser;
const session = { id: 's1' } as never;

function event(
	options: { user?: PublicUser | null; body?: string; url?: string } = {}
): RequestEvent {
	const url = new URL(options.url ?? 'http://localhost/api/thing');
	return {
		url,
		locals: { user: options.user ?? null, session: options.user ? session : null },
		request: new Request(url, {
			method: options.body === undefined ? 'GET' : 'POST',
			headers: { 'content-type': 'application/json' },
			body: options.body
		})
	} as unknown as RequestEvent;
}

const named = v.object(
	{ name: v.pipe(v.string('Send a name.'), v.nonEmpty('Name it.')) },
	'Send a JSON object.'
);

afterEach(() => provideServices(undefined));

describe('endpoint', () => {
	it('refuses a missing session with 401 and the wrong role with 403', async () => {
		provideServices({} as Services);
		const handler = endpoint({ role: 'coach', handle: () => new Response('yes') });
		expect((await handler(event())).status).toBe(401);
		expect((await handler(event({ user: client }))).status).toBe(403);
		expect(await (await handler(event({ user: coach }))).text()).toBe('yes');
	});

	it('parses the body with its schema and names each bad field', async () => {
		provideServices({} as Services);
		const handler = endpoint({
			role: 'user',
			body: named,
			handle: ({ input }) => Response.json({ got: input.name })
		});
		const good = await handler(event({ user: coach, body: '{"name":"Ada"}' }));
		expect(await good.json()).toEqual({ got: 'Ada' });
		const bad = await handler(event({ user: coach, body: '{"name":""}' }));
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({
			error: 'Name it.',
			code: 'invalid-input',
			fields: { name: 'Name it.' }
		});
		const notObject = await handler(event({ user: coach, body: '[1]' }));
		expect(await notObject.json()).toMatchObject({ error: 'Send a JSON object.' });
		const notJson = await handler(event({ user: coach, body: '{' }));
		expect(notJson.status).toBe(400);
	});

	it('runs domain rules after the shape and parses the query', async () => {
		provideServices({} as Services);
		const handler = endpoint({
			role: 'public',
			body: named,
			query: v.object({ page: v.optional(v.string(), '1') }),
			rules: (input) => (input.name === 'root' ? { name: 'That name is taken.' } : {}),
			handle: ({ input, query, caller }) =>
				Response.json({ name: input.name, page: query.page, caller })
		});
		const refused = await handler(event({ body: '{"name":"root"}' }));
		expect(await refused.json()).toMatchObject({
			error: 'That name is taken.',
			fields: { name: 'That name is taken.' }
		});
		const fine = await handler(
			event({ body: '{"name":"a"}', url: 'http://localhost/api/thing?page=3' })
		);
		expect(await fine.json()).toEqual({ name: 'a', page: '3', caller: null });
	});

	it('maps a returned Failure and a service Result through the one error shape', async () => {
		provideServices({} as Services);
		const refused = endpoint({
			role: 'public',
			handle: () => sendResult(err('gone', 'Used already.'), () => 1)
		});
		const response = await refused(event());
		expect(response.status).toBe(410);
		expect(await response.json()).toEqual({ error: 'Used already.', code: 'gone' });
		const created = endpoint({
			role: 'public',
			handle: () => sendResult(ok(7), (n) => ({ n }), 201)
		});
		const made = await created(event());
		expect(made.status).toBe(201);
		expect(await made.json()).toEqual({ n: 7 });
	});

	it('reads no body as `emptyBody` when the endpoint names one, and refuses it otherwise', async () => {
		provideServices({} as Services);
		const optional = v.object({ reason: v.optional(v.string()) });
		const noBody = (): RequestEvent =>
			({
				url: new URL('http://localhost/api/thing'),
				locals: { user: coach, session },
				request: new Request('http://localhost/api/thing', {
					method: 'POST',
					headers: { 'content-length': '0' }
				})
			}) as unknown as RequestEvent;
		const lenient = endpoint({
			role: 'user',
			body: optional,
			emptyBody: {},
			handle: ({ input }) => Response.json({ reason: input.reason ?? null })
		});
		expect(await (await lenient(noBody())).json()).toEqual({ reason: null });
		const strict = endpoint({ role: 'user', body: optional, handle: () => new Response('yes') });
		const refused = await strict(noBody());
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({ error: 'The request body is empty; send JSON.' });
	});
});
