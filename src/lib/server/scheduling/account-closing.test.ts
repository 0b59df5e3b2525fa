import { afterEach, describe, expect, it } from 'vitest';
import { createAccountDeletion } from '../account-deletion/create-account-deletion';
import { bookingInput, officeHours, schedulingFixture } from './scheduling-fixture.testing';

type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

const HOUR = 3_600_000;
/** The client's password in schedulingFixture. */
const PASSWORD = 'a long client password';

/** The fixture's clock starts Mon 09:00 UTC; the coach books `hoursAhead` from now. */
async function book(hoursAhead: number) {
	const booked = await f.scheduling.bookings.book(
		f.coach,
		f.engagementId,
		bookingInput({
			startsAt: new Date(f.clock.now() + hoursAhead * HOUR).toISOString(),
			kind: 'video',
			timeZone: 'UTC'
		})
	);
	if (!booked.ok) {
		throw new Error(booked.error.message);
	}
	return booked.value;
}

let logged: string[] = [];

async function practice() {
	f = await schedulingFixture();
	f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
	logged = [];
	const deletion = createAccountDeletion({
		...f,
		bookings: f.scheduling.closing,
		mailQueue: f.mailQueue,
		log: (line) => logged.push(line)
	});
	return deletion;
}

const queued = () =>
	f.db
		.prepare(
			`SELECT ref, user_id AS userId, engagement_id AS engagementId, status FROM mail_queue
			 WHERE ref LIKE 'account-deleted:%' ORDER BY ref`
		)
		.all();

describe('deleting an account cancels its future sessions', () => {
	it("queues both sides' CANCEL in the deleting transaction, naming no deleted row", async () => {
		const deletion = await practice();
		const past = await book(2);
		const future = await book(25);
		f.clock.advance(4 * HOUR); // the first session is over
		await f.settle();
		const before = f.mailer.sent.length;

		expect((await deletion.delete(f.client, PASSWORD)).ok).toBe(true);

		// Committed with the deletion: the rows are gone, the two emails are not (maybe sent already).
		expect(queued()).toEqual([
			{
				ref: `account-deleted:${future.id}:1:client`,
				userId: null,
				engagementId: null,
				status: expect.stringMatching(/^(pending|sent)$/)
			},
			{
				ref: `account-deleted:${future.id}:1:coach`,
				userId: f.coach.id,
				engagementId: null,
				status: expect.stringMatching(/^(pending|sent)$/)
			}
		]);
		await f.settle();
		const sent = f.mailer.sent.slice(before).filter((m) => /^Session cancelled/.test(m.subject));
		expect(sent.map((m) => m.to).sort()).toEqual(['clio@example.com', 'cora@example.com']);
		for (const mail of sent) {
			expect(mail.attachments?.[0]?.content).toContain('METHOD:CANCEL');
			expect(mail.attachments?.[0]?.content).toContain(`UID:booking-${future.id}@tandem`);
			expect(mail.attachments?.[0]?.content).not.toContain(past.id);
		}
		expect(queued().map((r) => (r as { status: string }).status)).toEqual(['sent', 'sent']);
	});

	it('an email that cannot be queued rolls the whole deletion back', async () => {
		const deletion = await practice();
		const future = await book(25);
		await f.settle();
		// As if the disk filled up while the second email was written.
		f.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON mail_queue
			WHEN NEW.ref LIKE 'account-deleted:%:coach' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);

		expect(await deletion.delete(f.client, PASSWORD)).toMatchObject({
			ok: false,
			error: { code: 'unavailable' }
		});
		expect(logged).toEqual([expect.stringContaining('rolled back: SqliteError: disk full')]);

		expect(await f.users.byId(f.client.id)).not.toBeNull();
		expect(f.scheduling.bookings.list(f.coach, { from: 0, to: Infinity })).toEqual([
			expect.objectContaining({ id: future.id, status: 'confirmed', sequence: 0 })
		]);
		expect(queued()).toEqual([]);
	});
});
