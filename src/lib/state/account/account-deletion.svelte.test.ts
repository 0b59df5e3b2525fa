import { describe, expect, it, vi } from 'vitest';
import type { DeletionImpact } from '../../api/account';
import { AccountDeletion } from './account-deletion.svelte';

const impact: DeletionImpact[] = [
	{ engagementId: 'e1', status: 'active', name: 'Ada', email: 'ada@example.com', notified: true }
];

function answer(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}

function setup(responses: Response[]) {
	const calls: { url: string; init?: RequestInit }[] = [];
	const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
		calls.push({ url: String(url), init });
		return responses.shift() ?? answer(500, { error: 'no more answers' });
	}) as unknown as typeof globalThis.fetch;
	const forgetLocal = vi.fn(async (_docs: readonly string[]) => {});
	const leave = vi.fn();
	return {
		deletion: new AccountDeletion({ fetch, forgetLocal, leave }),
		calls,
		forgetLocal,
		leave
	};
}

describe('AccountDeletion', () => {
	it('loads the impact, deletes with the password, then clears this device and leaves', async () => {
		const { deletion, calls, forgetLocal, leave } = setup([
			answer(200, { role: 'coach', engagements: impact }),
			answer(200, { deleted: true })
		]);
		await deletion.load();
		expect(deletion.phase).toBe('ready');
		expect(deletion.impact).toEqual(impact);
		await deletion.delete('pw-123456');
		expect(JSON.parse(String(calls[1]!.init!.body))).toEqual({ password: 'pw-123456' });
		expect(deletion.phase).toBe('deleted');
		expect(forgetLocal).toHaveBeenCalledWith(['eng:e1', 'sub:e1']);
		expect(leave).toHaveBeenCalledOnce();
	});

	it("shows the server's message for a wrong password and keeps everything local", async () => {
		const { deletion, forgetLocal, leave } = setup([
			answer(200, { role: 'client', engagements: [] }),
			answer(401, { error: 'That password is not right.', code: 'invalid-credentials' })
		]);
		await deletion.load();
		await deletion.delete('wrong');
		expect(deletion.phase).toBe('ready');
		expect(deletion.error).toBe('That password is not right.');
		expect(forgetLocal).not.toHaveBeenCalled();
		expect(leave).not.toHaveBeenCalled();
	});
});
