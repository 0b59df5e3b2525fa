import { describe, expect, it } from 'vitest';
import type { NetworkStatus } from '../../sync/network';
import { PhoneEditor } from './phone-editor.svelte';

function fakeNetwork(online = true): NetworkStatus & { set(on: boolean): void } {
	const listeners = new Set<() => void>();
	return {
		get isOnline() {
			return online;
		},
		subscribe(fn) {
			listeners.add(fn);
			return () => listeners.delete(fn);
		},
		set(on) {
			online = on;
			listeners.forEach((fn) => fn());
		}
	};
}

/** A stand-in for the server's /api/me/phone that records what it was sent. */
function fakeServer(initial: string | null) {
	let phone = initial;
	const sent: unknown[] = [];
	const handler = async (_url: RequestInfo | URL, init?: RequestInit) => {
		if (init?.method === 'PUT') {
			sent.push(JSON.parse(String(init.body)));
			phone = (sent.at(-1) as { phone: string | null }).phone;
		}
		return Response.json({ user: { id: 'u1', phone } });
	};
	return { fetch: handler as typeof fetch, sent };
}

describe('PhoneEditor', () => {
	it('loads, saves a tidied number and removes it', async () => {
		const server = fakeServer('+1 555 010 9999');
		const editor = new PhoneEditor({ network: fakeNetwork(), fetch: server.fetch });
		await editor.load();
		expect(editor.phone).toBe('+1 555 010 9999');
		await editor.save('  +44 20  7946 0958 ');
		expect(server.sent).toEqual([{ phone: '+44 20 7946 0958' }]);
		expect(editor.phone).toBe('+44 20 7946 0958');
		expect(editor.notice).toBe('Phone number saved.');
		await editor.save('');
		expect(server.sent.at(-1)).toEqual({ phone: null });
		expect(editor.notice).toBe('Phone number removed.');
	});

	it('refuses an implausible number and, offline, says a connection is needed', async () => {
		const server = fakeServer(null);
		const network = fakeNetwork();
		const editor = new PhoneEditor({ network, fetch: server.fetch });
		await editor.save('call me');
		expect(editor.problem).toMatch(/6 to 15 digits/);
		network.set(false);
		expect(editor.isOffline).toBe(true);
		await editor.save('+44 20 7946 0958');
		expect(editor.problem).toMatch(/needs a connection/);
		expect(server.sent).toEqual([]);
	});

	it('shows the server’s message when it refuses', async () => {
		const refusing = (async () =>
			Response.json({ error: 'Nope.', code: 'invalid-input' }, { status: 400 })) as typeof fetch;
		const editor = new PhoneEditor({ network: fakeNetwork(), fetch: refusing });
		await editor.save('+44 20 7946 0958');
		expect(editor.problem).toBe('Nope.');
		expect(editor.phone).toBeNull();
	});
});
