import { describe, expect, it } from 'vitest';
import { MAX_RECONNECT_ATTEMPTS, mayRetry, reconnectDelay } from './reconnect';

describe('reconnect policy', () => {
	it('backs off 1, 2, 4 s and then retries every 8 s', () => {
		expect([0, 1, 2, 3, 4, 10].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
	});

	it('gives up after a bounded number of attempts', () => {
		expect(mayRetry(0)).toBe(true);
		expect(mayRetry(MAX_RECONNECT_ATTEMPTS - 1)).toBe(true);
		expect(mayRetry(MAX_RECONNECT_ATTEMPTS)).toBe(false);
	});
});
