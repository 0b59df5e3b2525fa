import { afterEach, describe, expect, it } from 'vitest';
import { DocWriterSlot } from '../doc-writer';
import { MailQueue } from '../mail-queue/mail-queue';
import { MailQueueStore } from '../mail-queue/mail-queue-store';
import { membershipFixture, PASSWORD } from '../memberships/membership-fixture.testing';
import { createAccountDeletion } from './create-account-deletion';

let fixture: ReturnType<typeof membershipFixture>;
afterEach(() => fixture?.cleanup());

async function practice() {
	fixture = membershipFixture();
	const f = fixture;
	const coach = await f.account('coach', 'Cora Coach', 'cora@example.com');
	const client = await f.account('client', 'Clio Client', 'clio@example.com');
	const store = f.engagementsStore();
	const engagementId = store.createPending({
		coachId: coach.id,
		email: client.email,
		name: client.name,
		clientType: null,
		packageId: null
	});
	store.activate(engagementId, client.id);
	for (const name of [`eng:${engagementId}`, `sub:${engagementId}`, `coach:${coach.id}`]) {
		await f.docWriter.withDoc(name, (doc) => doc.getMap('m').set('k', name));
	}
	const reply = f.db.prepare(
		`INSERT INTO idempotency_keys (user_id, key, method, path, status, body, created_at)
		 VALUES (?, ?, 'POST', '/api/invites', 201, ?, 0)`
	);
	reply.run(coach.id, 'k1', Buffer.from(JSON.stringify({ invite: { email: client.email } })));
	reply.run(
		coach.id,
		'k2',
		Buffer.from(JSON.stringify({ invite: { email: 'other@example.com' } }))
	);
	// The notices go through the durable queue, sending to the fixture's in-memory mailer.
	const mailQueue = new MailQueue({
		store: new MailQueueStore(f.database, f.clock.now),
		mailer: f.mailer
	});
	const deletion = createAccountDeletion({ ...f, mailQueue });
	return { f, coach, client, engagementId, deletion, mailQueue };
}

const count = (f: typeof fixture, sql: string, ...args: unknown[]) =>
	(f.db.prepare(sql).get(...args) as { n: number }).n;

describe('AccountDeletionService', () => {
	it("removes a client's rows, documents and the replies that mention them; keeps the coach's", async () => {
		const { f, coach, client, engagementId, deletion, mailQueue } = await practice();
		const removed: string[][] = [];
		f.memberships.onAccessRemoved((userId, docs) => userId === client.id && removed.push(docs));

		const result = await deletion.delete(client, PASSWORD);

		expect(result.ok).toBe(true);
		expect(await f.users.byId(client.id)).toBeNull();
		expect(count(f, 'SELECT COUNT(*) AS n FROM engagements WHERE id = ?', engagementId)).toBe(0);
		expect(count(f, 'SELECT COUNT(*) AS n FROM idempotency_keys')).toBe(1);
		expect([...f.docs.docs.keys()]).toEqual([`coach:${coach.id}`]);
		expect(removed).toEqual([[`eng:${engagementId}`, `sub:${engagementId}`]]);
		await mailQueue.idle();
		expect(f.mailer.sent.map((m) => [m.to, m.subject])).toEqual([
			['cora@example.com', 'Clio Client deleted their Tandem account']
		]);
	});

	it('deletes nothing for a wrong password, or while the sync server is down', async () => {
		const { f, client, deletion, mailQueue } = await practice();
		const wrong = await deletion.delete(client, 'not the password');
		expect(!wrong.ok && wrong.error.code).toBe('invalid-credentials');

		const down = createAccountDeletion({ ...f, mailQueue, docWriter: new DocWriterSlot() });
		const refused = await down.delete(client, PASSWORD);
		expect(!refused.ok && refused.error.code).toBe('unavailable');
		expect(await f.users.byId(client.id)).not.toBeNull();
		expect(f.docs.docs.size).toBe(3);
	});

	it("a coach's deletion takes every engagement and the coach document, and emails active clients", async () => {
		const { f, coach, client, deletion, mailQueue } = await practice();
		f.engagementsStore().createPending({
			coachId: coach.id,
			email: 'pending@example.com',
			name: 'Pat Pending',
			clientType: null,
			packageId: null
		});
		expect(
			(await deletion.impact(coach)).map((e) => [e.name, e.status, e.notified]).sort()
		).toEqual([
			['Clio Client', 'active', true],
			['Pat Pending', 'pending', false]
		]);
		expect((await deletion.delete(coach, PASSWORD)).ok).toBe(true);
		expect(count(f, 'SELECT COUNT(*) AS n FROM engagements')).toBe(0);
		expect(f.docs.docs.size).toBe(0);
		expect(await f.users.byId(client.id)).not.toBeNull();
		await mailQueue.idle();
		expect(f.mailer.sent.map((m) => m.to)).toEqual(['clio@example.com']);
	});

	it('queues the notice in the deleting transaction: a notice that cannot be queued deletes nothing', async () => {
		const { f, client, mailQueue } = await practice();
		const broken = createAccountDeletion({
			...f,
			mailQueue: {
				enqueue: () => {
					throw new Error('disk full');
				},
				kick: () => mailQueue.kick(),
				onSettled: (listener) => mailQueue.onSettled(listener)
			},
			log: () => {}
		});
		const refused = await broken.delete(client, PASSWORD);
		expect(!refused.ok && refused.error.code).toBe('unavailable');
		expect(await f.users.byId(client.id)).not.toBeNull();
		expect(f.docs.docs.size).toBe(3);
		expect(f.mailer.sent).toEqual([]);
	});
});
