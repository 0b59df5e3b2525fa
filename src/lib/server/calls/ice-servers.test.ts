import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { parseIceServers } from './ice-servers';

describe('ICE_SERVERS', () => {
	it('is empty by default: no third-party STUN or TURN server', () => {
		expect(loadConfig({}).iceServers).toEqual([]);
		expect(parseIceServers('  ')).toEqual([]);
	});

	it('reads a JSON array of RTCIceServer entries', () => {
		const value = JSON.stringify([
			{ urls: 'stun:stun.example.com:3478' },
			{
				urls: ['turn:turn.example.com:3478', 'turns:turn.example.com:5349'],
				username: 'u',
				credential: 'p'
			}
		]);
		expect(loadConfig({ ICE_SERVERS: value }).iceServers).toEqual(JSON.parse(value));
	});

	it('keeps only the fields RTCPeerConnection takes', () => {
		expect(parseIceServers('[{"urls":"stun:a.example","note":"x"}]')).toEqual([
			{ urls: 'stun:a.example' }
		]);
	});

	it.each([
		['{"urls": nope', /not valid JSON/],
		['{"urls":"stun:a.example"}', /not an array/],
		['["stun:a.example"]', /entry 0 is not an object/],
		['[{}]', /entry 0 needs "urls"/],
		['[{"urls":[]}]', /entry 0 needs "urls"/],
		['[{"urls":"stun:a"},{"urls":"https://a.example"}]', /entry 1 .*not a stun:/],
		['[{"urls":"turn:a","credential":42}]', /non-string "credential"/]
	])('refuses %s with a message that names ICE_SERVERS', (value, detail) => {
		expect(() => loadConfig({ ICE_SERVERS: value })).toThrow(/^ICE_SERVERS must be a JSON array/);
		expect(() => parseIceServers(value)).toThrow(detail);
	});
});
