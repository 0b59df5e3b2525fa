import { describe, expect, it } from 'vitest';
import type { IssuedPeer } from '../api/calls';
import { peerOptions, requestPeerId } from './peer-options';

const issued: IssuedPeer = {
	peerId: 'abc234',
	iceServers: [{ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'p' }],
	path: '/peerjs',
	key: 'tandem'
};

describe('peerOptions', () => {
	it('points PeerJS at the page’s own origin over TLS', () => {
		expect(
			peerOptions(issued, { protocol: 'https:', hostname: 'tandem.example.com', port: '' })
		).toEqual({
			host: 'tandem.example.com',
			port: 443,
			secure: true,
			path: '/peerjs',
			key: 'tandem',
			config: { iceServers: issued.iceServers },
			debug: 0
		});
	});

	it('keeps an explicit port and plain ws on http', () => {
		const options = peerOptions(issued, { protocol: 'http:', hostname: '127.0.0.1', port: '5173' });
		expect(options).toMatchObject({ host: '127.0.0.1', port: 5173, secure: false });
		expect(peerOptions(issued, { protocol: 'http:', hostname: 'h', port: '' }).port).toBe(80);
	});

	it('always passes a config, so PeerJS never falls back to its public STUN/TURN servers', () => {
		const options = peerOptions({ ...issued, iceServers: [] }, new URL('http://h:1'));
		expect(options.config).toEqual({ iceServers: [] });
	});
});

describe('requestPeerId', () => {
	it('returns the issued id and throws on refusal', async () => {
		const ok = (async () => new Response(JSON.stringify(issued), { status: 201 })) as typeof fetch;
		expect(await requestPeerId(ok)).toEqual(issued);
		const refused = (async () => new Response('{}', { status: 401 })) as typeof fetch;
		await expect(requestPeerId(refused)).rejects.toThrow(/401/);
	});
});
