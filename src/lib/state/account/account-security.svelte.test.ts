import { describe, expect, it, vi } from 'vitest';
import { EmailChange } from './email-change.svelte';
import { PasswordChange } from './password-change.svelte';
import type { SignedInDevice } from '../../api/account';
import { SignedInDevices } from './signed-in-devices.svelte';

function answer(status: number, body?: unknown): Response {
	return new Response(body === undefined ? null : JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}

function fakeFetch(responses: (Response | Error)[]) {
	const calls: { url: string; init?: RequestInit }[] = [];
	const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
		calls.push({ url: String(url), init });
		const next = responses.shift() ?? answer(500, { error: 'no more answers' });
		if (next instanceof Error) {
			throw next;
		}
		return next;
	}) as unknown as typeof globalThis.fetch;
	return { fetch, calls };
}

const device = (id: string, current: boolean): SignedInDevice => ({
	id,
	device: current ? 'Chrome on Linux' : 'Firefox on Windows',
	signedInAt: '2026-12-07T10:00:00.000Z',
	lastUsedAt: '2026-12-07T11:00:00.000Z',
	current
});

describe('PasswordChange', () => {
	it('checks the repeat here, shows the server’s field messages, and says when offline', async () => {
		const { fetch, calls } = fakeFetch([
			answer(401, {
				error: 'wrong',
				code: 'invalid-credentials',
				fields: { currentPassword: 'Your current password is not right.' }
			}),
			new TypeError('Failed to fetch'),
			answer(200, { changed: true })
		]);
		const change = new PasswordChange({ fetch });
		const input = {
			currentPassword: 'old-pass-1',
			newPassword: 'new-pass-12',
			repeated: 'new-pass-12'
		};
		expect(await change.submit({ ...input, repeated: 'typo' })).toBe(false);
		expect(change.fields).toEqual({ repeated: 'The two new passwords are not the same.' });
		expect(calls).toHaveLength(0);
		expect(await change.submit(input)).toBe(false);
		expect(change.fields.currentPassword).toBe('Your current password is not right.');
		expect(await change.submit(input)).toBe(false);
		expect(change.error).toMatch(/offline/);
		expect(await change.submit(input)).toBe(true);
		expect(change.phase).toBe('saved');
		expect(JSON.parse(String(calls.at(-1)!.init!.body))).toEqual({
			currentPassword: 'old-pass-1',
			newPassword: 'new-pass-12'
		});
	});
});

describe('SignedInDevices', () => {
	it('loads the list, signs one device out and reloads; a failure keeps the list', async () => {
		const { fetch, calls } = fakeFetch([
			answer(200, { devices: [device('a', true), device('b', false)] }),
			answer(204),
			answer(200, { devices: [device('a', true)] }),
			answer(500, { error: 'Something broke.', code: 'unavailable' })
		]);
		const devices = new SignedInDevices({ fetch });
		await devices.load();
		expect(devices.devices.map((d) => d.id)).toEqual(['a', 'b']);
		await devices.signOut('b');
		expect(calls[1]).toMatchObject({ url: '/api/account/sessions/b', init: { method: 'DELETE' } });
		expect(devices.notice).toBe('Firefox on Windows is signed out.');
		expect(devices.devices.map((d) => d.id)).toEqual(['a']);
		await devices.signOutOthers();
		expect(calls[3]).toMatchObject({ url: '/api/account/sessions/sign-out-others' });
		expect(devices.error).toBe('Something broke.');
		expect(devices.devices.map((d) => d.id)).toEqual(['a']);
		expect(devices.phase).toBe('ready');
	});
});

describe('EmailChange', () => {
	it('reports the address the link went to, or the bad field', async () => {
		const { fetch } = fakeFetch([
			answer(401, {
				error: 'x',
				code: 'invalid-credentials',
				fields: { password: 'That password is not right.' }
			}),
			answer(202, { status: 'check-email' })
		]);
		const change = new EmailChange({ fetch });
		expect(await change.submit({ newEmail: 'new@example.com', password: 'nope' })).toBe(false);
		expect(change.fields.password).toBe('That password is not right.');
		expect(await change.submit({ newEmail: ' new@example.com ', password: 'right-pass' })).toBe(
			true
		);
		expect(change.sentTo).toBe('new@example.com');
		expect(change.phase).toBe('sent');
	});
});
