import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { TURN_CREDENTIAL_TTL_SECONDS, withTurnCredentials } from './turn-credentials';

const servers = [
	{ urls: 'stun:turn.example.com:3478' },
	{ urls: ['turn:turn.example.com:3478', 'turns:turn.example.com:5349'] },
	{ urls: 'turn:other.example.com', username: 'fixed', credential: 'pw' }
];
const now = Date.UTC(2026, 0, 1);

describe('withTurnCredentials', () => {
	it('mints a coturn use-auth-secret credential for TURN entries without their own', () => {
		const [stun, turn, fixed] = withTurnCredentials(servers, {
			secret: 's3cret',
			userId: 'u1',
			now
		});
		const expiry = now / 1000 + TURN_CREDENTIAL_TTL_SECONDS;
		expect(stun).toEqual(servers[0]);
		expect(fixed).toEqual(servers[2]);
		expect(turn).toEqual({
			urls: servers[1]!.urls,
			username: `${expiry}:u1`,
			// What coturn computes from static-auth-secret to check the password.
			credential: createHmac('sha1', 's3cret').update(`${expiry}:u1`).digest('base64')
		});
	});

	it('changes nothing without a secret', () => {
		expect(withTurnCredentials(servers, { secret: undefined, userId: 'u1', now })).toBe(servers);
	});

	it('reads the secret from TURN_STATIC_AUTH_SECRET', () => {
		expect(loadConfig({}).turnSecret).toBeUndefined();
		expect(loadConfig({ TURN_STATIC_AUTH_SECRET: 'abc' }).turnSecret).toBe('abc');
	});
});
