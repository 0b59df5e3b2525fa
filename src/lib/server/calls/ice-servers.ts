// The wire type (api/calls.ts): the server entry runs without the DOM's RTCIceServer typings.
import type { IceServer } from '../../api/calls';

const EXAMPLE = '[{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}]';
const SCHEMES = /^(stun|stuns|turn|turns):/;

function fail(detail: string): never {
	throw new Error(`ICE_SERVERS must be a JSON array of ICE servers such as ${EXAMPLE}: ${detail}`);
}

function parseUrls(value: unknown, index: number): string | string[] {
	const urls = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(urls) || urls.length === 0) {
		fail(`entry ${index} needs "urls" (a string or a non-empty array of strings)`);
	}
	for (const url of urls) {
		if (typeof url !== 'string' || !SCHEMES.test(url)) {
			fail(`entry ${index} has ${JSON.stringify(url)}, not a stun:, stuns:, turn: or turns: URL`);
		}
	}
	return value as string | string[];
}

function parseEntry(value: unknown, index: number): IceServer {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		fail(`entry ${index} is not an object`);
	}
	const entry = value as Record<string, unknown>;
	const server: IceServer = { urls: parseUrls(entry.urls, index) };
	for (const field of ['username', 'credential'] as const) {
		const v = entry[field];
		if (v !== undefined && typeof v !== 'string') {
			fail(`entry ${index} has a non-string "${field}"`);
		}
		if (typeof v === 'string') {
			server[field] = v;
		}
	}
	return server;
}

/**
 * ICE_SERVERS (JSON) → the list handed to every caller. Unset means none at all: calls then
 * work on the same network or between hosts that can reach each other, and no third party
 * (such as PeerJS's public STUN/TURN defaults) learns who talks to whom.
 */
export function parseIceServers(value: string | undefined): IceServer[] {
	if (value === undefined || value.trim() === '') {
		return [];
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		fail('it is not valid JSON');
	}
	if (!Array.isArray(parsed)) {
		fail('it is not an array');
	}
	return parsed.map(parseEntry);
}
