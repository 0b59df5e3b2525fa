import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as sub from '../../docs/subscription-doc';
import { packageAssignSchema, packageInputSchema } from '../../api/packages';
import { membershipFixture } from '../memberships/membership-fixture.testing';
import { parseInput } from '../parse-input';

const terms = {
	name: 'Six sessions',
	sessionsTotal: 6,
	sessionMinutes: 50,
	priceCents: 45000,
	currency: 'EUR',
	noShowConsumesSession: true
};

describe('package catalogue and assignment (real SQLite)', () => {
	let f: ReturnType<typeof membershipFixture>;
	beforeEach(() => {
		f = membershipFixture();
	});
	afterEach(() => f.cleanup());

	async function coachWithPackage() {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const created = f.packages.create(coach, terms);
		if (!created.ok) {
			throw new Error(created.error.message);
		}
		return { coach, pkg: created.value };
	}

	it('creates, lists oldest first, edits and archives packages of one coach only', async () => {
		const { coach, pkg } = await coachWithPackage();
		f.clock.advance(1000);
		const second = f.packages.create(coach, { ...terms, name: 'Single' });
		expect(second.ok).toBe(true);
		expect(f.packages.list(coach).map((p) => p.name)).toEqual(['Six sessions', 'Single']);

		const edited = f.packages.update(coach, pkg.id, { priceCents: 50000 });
		expect(edited).toMatchObject({ ok: true, value: { ...terms, priceCents: 50000 } });

		const other = await f.account('coach', 'Otto', 'otto@example.com');
		expect(f.packages.list(other)).toEqual([]);
		expect(f.packages.update(other, pkg.id, { priceCents: 1 })).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		expect(f.packages.archive(other, pkg.id)).toMatchObject({ ok: false });

		expect(f.packages.archive(coach, pkg.id)).toEqual({ ok: true, value: null });
		expect(f.packages.list(coach).map((p) => p.name)).toEqual(['Single']);
		expect(f.packages.update(coach, pkg.id, { priceCents: 1 })).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
	});

	it('lets clients book themselves only when the package says so, and copies that on assignment', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const plain = f.packages.create(coach, terms);
		expect(plain).toMatchObject({ ok: true, value: { selfBooking: false } });
		const create = (body: unknown) => {
			const input = parseInput(packageInputSchema, body);
			return input.ok ? f.packages.create(coach, input.value) : input;
		};
		expect(create({ ...terms, selfBooking: 'yes' })).toMatchObject({
			ok: false,
			error: { message: expect.stringContaining('selfBooking') }
		});
		const id = plain.ok ? plain.value.id : '';
		expect(f.packages.update(coach, id, { selfBooking: true })).toMatchObject({
			ok: true,
			value: { selfBooking: true, priceCents: terms.priceCents }
		});
		const { invite } = await f.invite(coach, { email: 'c@example.com', packageId: id });
		const doc = f.docs.docs.get(`sub:${invite.engagementId}`) ?? new Y.Doc();
		expect(sub.readSelfBooking(doc)).toBe(true);
	});

	it('refuses invalid packages with the rule that was broken', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const create = (body: unknown) => {
			const input = parseInput(packageInputSchema, body);
			return input.ok ? f.packages.create(coach, input.value) : input;
		};
		expect(create({ ...terms, sessionMinutes: 1 })).toMatchObject({
			ok: false,
			error: {
				code: 'invalid-input',
				message: expect.stringContaining('from 5 to 480'),
				fields: { sessionMinutes: expect.stringContaining('from 5 to 480') }
			}
		});
		expect(create([])).toMatchObject({ ok: false });
		expect(f.packages.list(coach)).toEqual([]);
	});

	it('assigning writes the terms into sub:<id> and records the package on the engagement', async () => {
		const { coach, pkg } = await coachWithPackage();
		const { invite } = await f.invite(coach, { email: 'c@example.com' });
		const assigned = await f.packageAssignment.assign(coach, invite.engagementId, {
			packageId: pkg.id
		});
		expect(assigned).toMatchObject({
			ok: true,
			value: { packageId: pkg.id, packageName: 'Six sessions' }
		});
		const doc = f.docs.docs.get(`sub:${invite.engagementId}`) ?? new Y.Doc();
		expect(sub.readPackage(doc)).toEqual({
			...terms,
			updatedAt: f.clock.now(),
			updatedBy: coach.id
		});
		// A later catalogue edit does not change what was sold.
		f.packages.update(coach, pkg.id, { priceCents: 1 });
		expect(sub.readPackage(doc)?.priceCents).toBe(45000);
	});

	it('an invite with a package writes it into the new engagement document', async () => {
		const { coach, pkg } = await coachWithPackage();
		const { invite } = await f.invite(coach, { email: 'c@example.com', packageId: pkg.id });
		const doc = f.docs.docs.get(`sub:${invite.engagementId}`);
		expect(doc && sub.readPackage(doc)?.name).toBe('Six sessions');
		expect(f.engagementsStore().byId(invite.engagementId)?.packageId).toBe(pkg.id);
	});

	it('refuses foreign, archived and missing packages, foreign and ended engagements', async () => {
		const { coach, pkg } = await coachWithPackage();
		const { invite } = await f.invite(coach, { email: 'c@example.com' });
		const other = await f.account('coach', 'Otto', 'otto@example.com');
		const assign = (who: typeof coach, body: unknown, id = invite.engagementId) => {
			const input = parseInput(packageAssignSchema, body);
			return input.ok ? f.packageAssignment.assign(who, id, input.value) : Promise.resolve(input);
		};
		expect(await assign(coach, {})).toMatchObject({ error: { code: 'invalid-input' } });
		expect(await assign(coach, { packageId: 'nope' })).toMatchObject({
			error: { code: 'invalid-input' }
		});
		expect(await assign(other, { packageId: pkg.id })).toMatchObject({
			error: { code: 'not-found' }
		});
		f.packages.archive(coach, pkg.id);
		expect(await assign(coach, { packageId: pkg.id })).toMatchObject({
			error: { code: 'invalid-input' }
		});
		const fresh = f.packages.create(coach, terms);
		f.memberships.end(coach.id, invite.engagementId);
		expect(await assign(coach, { packageId: fresh.ok ? fresh.value.id : '' })).toMatchObject({
			error: { code: 'conflict' }
		});
		expect(f.docs.docs.size).toBe(0);
	});

	it('fails with unavailable (503) when documents cannot be written, and changes nothing', async () => {
		const { coach, pkg } = await coachWithPackage();
		const { invite } = await f.invite(coach, { email: 'c@example.com' });
		f.docs.failWith = new Error('sync server closing');
		const failed = await f.packageAssignment.assign(coach, invite.engagementId, {
			packageId: pkg.id
		});
		expect(failed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
		expect(f.engagementsStore().byId(invite.engagementId)?.packageId).toBeNull();

		f.docWriter.bind(null);
		const unbound = await f.invites.create(
			coach,
			{ name: 'N', email: 'n@example.com', clientType: null, message: null, packageId: pkg.id },
			'https://tandem.test'
		);
		expect(unbound).toMatchObject({ ok: false, error: { code: 'unavailable' } });
		expect(f.invites.list(coach).map((i) => i.email)).toEqual(['c@example.com']);
	});
});
