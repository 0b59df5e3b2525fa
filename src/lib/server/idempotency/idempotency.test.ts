import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appDatabaseFixture, ENGINES } from '../database/app-database.testing';
import { UserStore } from '../users';
import { Idempotency, REPLAY_HEADER } from './idempotency';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore } from './idempotency-store';

describe.each(ENGINES)('Idempotency on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	let f: { clock: { now: () => number; advance: (ms: number) => void }; users: UserStore };
	let store: IdempotencyStore;
	let idempotency: Idempotency;
	let userId: string;
	let calls: number;

	const account = async (name: string, email: string) =>
		(await f.users.create({ email, name, role: 'coach', passwordHash: 'x' }))!;

	beforeEach(async () => {
		const database = await databases.open();
		let time = Date.UTC(2026, 0, 5, 9);
		const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
		f = { clock, users: new UserStore(database) };
		store = new IdempotencyStore(database, f.clock.now);
		idempotency = new Idempotency(store);
		userId = (await account('Cora', 'cora@example.com')).id;
		calls = 0;
	});
	afterEach(() => databases.closeAll());

	const request = (key: string, path = '/api/invites', method = 'POST') => ({
		userId,
		key,
		method,
		path
	});
	const handler =
		(status: number, body: unknown = { n: calls + 1 }) =>
		async () => {
			calls += 1;
			return Response.json(body, { status });
		};

	it('acts once and answers a repeat with the stored response and the replay header', async () => {
		const first = await idempotency.run(request('k1'), handler(201));
		expect(first.status).toBe(201);
		expect(first.headers.get(REPLAY_HEADER)).toBeNull();
		expect(await first.json()).toEqual({ n: 1 });

		const second = await idempotency.run(request('k1'), handler(201));
		expect(calls).toBe(1);
		expect(second.status).toBe(201);
		expect(second.headers.get(REPLAY_HEADER)).toBe('true');
		expect(second.headers.get('content-type')).toBe('application/json');
		expect(await second.json()).toEqual({ n: 1 });
	});

	it('refuses the same key for another path or method with 422', async () => {
		await idempotency.run(request('k1'), handler(201));
		for (const other of [request('k1', '/api/packages'), request('k1', '/api/invites', 'PUT')]) {
			const response = await idempotency.run(other, handler(201));
			expect(response.status).toBe(422);
			expect(await response.json()).toMatchObject({ code: 'idempotency-key-reused' });
		}
		expect(calls).toBe(1);
	});

	it('keys are per user', async () => {
		const otherId = (await account('Otto', 'otto@example.com')).id;
		await idempotency.run(request('k1'), handler(201));
		await idempotency.run({ ...request('k1'), userId: otherId }, handler(201));
		expect(calls).toBe(2);
	});

	it('stores 4xx answers but not 5xx or 429, so those can be retried', async () => {
		await idempotency.run(request('bad'), handler(400, { code: 'invalid-input' }));
		expect((await idempotency.run(request('bad'), handler(201))).status).toBe(400);
		expect(calls).toBe(1);

		expect((await idempotency.run(request('down'), handler(503))).status).toBe(503);
		expect((await idempotency.run(request('down'), handler(201))).status).toBe(201);
		expect((await idempotency.run(request('slow'), handler(429))).status).toBe(429);
		expect((await idempotency.run(request('slow'), handler(201))).status).toBe(201);
		expect(calls).toBe(5);
	});

	it('replays 204 without a body', async () => {
		const noContent = async () => {
			calls += 1;
			return new Response(null, { status: 204 });
		};
		expect(
			(await idempotency.run(request('del', '/api/packages/x', 'DELETE'), noContent)).status
		).toBe(204);
		const again = await idempotency.run(request('del', '/api/packages/x', 'DELETE'), noContent);
		expect(again.status).toBe(204);
		expect(again.headers.get(REPLAY_HEADER)).toBe('true');
		expect(calls).toBe(1);
	});

	it('a twin sent while the first is still running waits for it and gets its answer', async () => {
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const slow = async () => {
			calls += 1;
			await gate;
			return Response.json({ n: calls }, { status: 201 });
		};
		const first = idempotency.run(request('twin'), slow);
		const second = idempotency.run(request('twin'), slow);
		release();
		const [a, b] = await Promise.all([first, second]);
		expect(calls).toBe(1);
		expect(await b.json()).toEqual(await a.json());
		expect(b.headers.get(REPLAY_HEADER)).toBe('true');
	});

	it('forgets answers after 24 hours and sweeps them', async () => {
		await idempotency.run(request('old'), handler(201));
		f.clock.advance(IDEMPOTENCY_TTL_MS + 1);
		expect(await store.find(userId, 'old')).toBeNull();
		const again = await idempotency.run(request('old', '/api/packages'), handler(201));
		expect(again.status).toBe(201);
		expect(calls).toBe(2);
		f.clock.advance(IDEMPOTENCY_TTL_MS + 1);
		expect(await store.sweep()).toBe(1);
	});
});
