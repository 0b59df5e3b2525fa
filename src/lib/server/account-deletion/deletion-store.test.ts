import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../database/app-database';
import { appDatabaseFixture, ENGINES } from '../database/app-database.testing';
import { UserStore } from '../users';
import { DeletionStore } from './deletion-store';

describe.each(ENGINES)('DeletionStore on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	afterEach(() => databases.closeAll());

	/** A coach with an active client and a pending invitee, and two stored invite replies. */
	async function practice(database: AppDatabase) {
		const users = new UserStore(database);
		const add = async (role: 'coach' | 'client', name: string, email: string) =>
			(await users.create({ email, name, role, passwordHash: 'x' }))!;
		const coach = await add('coach', 'Cora Coach', 'cora@example.com');
		const client = await add('client', 'Clio Client', 'clio@example.com');
		const engagement = (id: string, clientId: string | null, status: string, at: number) => ({
			id,
			coach_id: coach.id,
			client_id: clientId,
			invited_email: clientId ? client.email : 'pat@example.com',
			invited_name: clientId ? client.name : 'Pat Pending',
			status,
			created_at: at
		});
		await database.db
			.insertInto('engagements')
			.values([engagement('e1', client.id, 'active', 1), engagement('e2', null, 'pending', 2)])
			.execute();
		const reply = (key: string, email: string) => ({
			user_id: coach.id,
			key,
			method: 'POST',
			path: '/api/invites',
			status: 201,
			body: Buffer.from(JSON.stringify({ invite: { email } })),
			created_at: 0
		});
		await database.db
			.insertInto('idempotency_keys')
			.values([reply('k1', client.email), reply('k2', 'other@example.com')])
			.execute();
		return { coach, client, users };
	}

	it('lists the engagements of either side with the person on the other side', async () => {
		const database = await databases.open();
		const { coach, client } = await practice(database);
		const store = new DeletionStore(database);
		expect(await store.engagementsOf(coach.id, 'coach')).toEqual([
			{
				id: 'e1',
				status: 'active',
				other: { id: client.id, name: 'Clio Client', email: 'clio@example.com' }
			},
			{
				id: 'e2',
				status: 'pending',
				other: { id: null, name: 'Pat Pending', email: 'pat@example.com' }
			}
		]);
		expect(await store.engagementsOf(client.id, 'client')).toEqual([
			{
				id: 'e1',
				status: 'active',
				other: { id: coach.id, name: 'Cora Coach', email: 'cora@example.com' }
			}
		]);
	});

	it('deletes the user with what cascades, and the replies of others that mention them', async () => {
		const database = await databases.open();
		const { coach, client, users } = await practice(database);
		const store = new DeletionStore(database);
		let joined = 0;
		await store.deleteUser(client, () => void (joined += 1));
		expect(joined).toBe(1);
		expect(await users.byId(client.id)).toBeNull();
		expect(await users.byId(coach.id)).not.toBeNull();
		const keys = await database.db.selectFrom('idempotency_keys').select('key').execute();
		expect(keys).toEqual([{ key: 'k2' }]);
		expect(await store.engagementsOf(coach.id, 'coach')).toMatchObject([{ id: 'e2' }]);
		expect(store.checkpoint()).toEqual({ busy: false });
	});

	it('changes nothing when the joined work fails', async () => {
		const database = await databases.open();
		const { client, users } = await practice(database);
		const store = new DeletionStore(database);
		await expect(
			store.deleteUser(client, () => {
				throw new Error('an email could not be queued');
			})
		).rejects.toThrow('an email could not be queued');
		expect(await users.byId(client.id)).not.toBeNull();
		const keys = await database.db.selectFrom('idempotency_keys').select('key').execute();
		expect(keys.map((k) => k.key).sort()).toEqual(['k1', 'k2']);
	});
});
