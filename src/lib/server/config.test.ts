import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
	it('has defaults that serve on port 3000 with data in ./data', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', origin: undefined });
		expect(config.dataDir).toBe(path.resolve('data'));
		expect(config.maxMessageBytes).toBe(2 * 1024 * 1024);
		expect(config.syncDurability).toBe('crash');
	});

	it('reads and normalises the environment', () => {
		const config = loadConfig({
			PORT: '0',
			ORIGIN: 'https://tandem.example.com/',
			SMTP_URL: 'smtp://mail:25',
			SYNC_MAX_MESSAGE_BYTES: '1024',
			SYNC_DURABILITY: 'power-loss'
		});
		expect(config).toMatchObject({
			port: 0,
			origin: 'https://tandem.example.com',
			smtpUrl: 'smtp://mail:25',
			maxMessageBytes: 1024,
			syncDurability: 'power-loss'
		});
	});

	it('explains a bad value instead of starting wrongly', () => {
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
		expect(() => loadConfig({ ORIGIN: 'not a url' })).toThrow(/ORIGIN/);
		expect(() => loadConfig({ SYNC_MAX_MESSAGE_BYTES: '-1' })).toThrow(/SYNC_MAX_MESSAGE_BYTES/);
		expect(() => loadConfig({ SYNC_DURABILITY: 'fast' })).toThrow(/SYNC_DURABILITY/);
		expect(() => loadConfig({ SYNC_MAX_DOC_BYTES: '20MB' })).toThrow(/SYNC_MAX_DOC_BYTES/);
	});

	it('bounds sync documents, presence, sockets and message rate, each configurable', () => {
		expect(loadConfig({}).syncLimits).toEqual({
			maxDocBytes: 20 * 1024 * 1024,
			maxPresenceBytes: 16 * 1024,
			maxConnectionsPerUserPerDoc: 20,
			messagesPerSecond: 200
		});
		const config = loadConfig({
			SYNC_MAX_DOC_BYTES: '1048576',
			SYNC_MAX_PRESENCE_BYTES: '4096',
			SYNC_MAX_CONNECTIONS_PER_DOC: '3',
			SYNC_MESSAGES_PER_SECOND: '50'
		});
		expect(config.syncLimits).toEqual({
			maxDocBytes: 1048576,
			maxPresenceBytes: 4096,
			maxConnectionsPerUserPerDoc: 3,
			messagesPerSecond: 50
		});
	});

	it('reads Stripe settings, which need a webhook secret with a key', () => {
		expect(loadConfig({}).stripe).toEqual({
			secretKey: undefined,
			webhookSecret: undefined,
			apiUrl: undefined
		});
		const config = loadConfig({
			STRIPE_SECRET_KEY: 'sk_test_1',
			STRIPE_WEBHOOK_SECRET: 'whsec_1',
			STRIPE_API_URL: 'http://127.0.0.1:12111'
		});
		expect(config.stripe.apiUrl?.port).toBe('12111');
		expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
		expect(() => loadConfig({ STRIPE_API_URL: 'nope' })).toThrow(/STRIPE_API_URL/);
	});
});
