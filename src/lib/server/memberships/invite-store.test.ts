import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipFixture } from './membership-fixture.testing';
import { hashSecret } from './secret-hash';

let f: ReturnType<typeof membershipFixture>;
beforeEach(() => {
	f = membershipFixture();
});
afterEach(() => f.cleanup());

async function storedInvite(expiresInMs: number) {
	const coach = await f.account('coach', 'Cora', 'cora@example.com');
	const engagementId = f.engagementsStore().createPending({
		coachId: coach.id,
		email: 'cli@example.com',
		name: 'Cli',
		clientType: null,
		packageId: null
	});
	const store = f.inviteStore();
	const id = store.insert({
		coachId: coach.id,
		engagementId,
		email: 'cli@example.com',
		name: 'Cli',
		message: null,
		tokenHash: hashSecret('raw-token'),
		expiresAt: f.clock.now() + expiresInMs
	});
	return { store, id };
}

describe('InviteStore', () => {
	it('consumes an invite exactly once', async () => {
		const { store, id } = await storedInvite(1000);
		expect(store.markAccepted(id)).toBe(true);
		expect(store.markAccepted(id)).toBe(false);
		expect(store.byTokenHash(hashSecret('raw-token'))?.status).toBe('accepted');
	});

	it('cannot consume an expired or revoked invite', async () => {
		const { store, id } = await storedInvite(1000);
		f.clock.advance(1000);
		expect(store.byTokenHash(hashSecret('raw-token'))?.status).toBe('expired');
		expect(store.markAccepted(id)).toBe(false);
		const other = await storedInviteForRevoke();
		other.store.markRevoked(other.id);
		expect(other.store.markAccepted(other.id)).toBe(false);
	});
});

async function storedInviteForRevoke() {
	const coach = await f.account('coach', 'Rex', 'rex@example.com');
	const store = f.inviteStore();
	const engagementId = f.engagementsStore().createPending({
		coachId: coach.id,
		email: 'r@example.com',
		name: 'R',
		clientType: null,
		packageId: null
	});
	const id = store.insert({
		coachId: coach.id,
		engagementId,
		email: 'r@example.com',
		name: 'R',
		message: null,
		tokenHash: hashSecret('other-token'),
		expiresAt: f.clock.now() + 60_000
	});
	return { store, id };
}
