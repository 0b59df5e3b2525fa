import { describe, expect, it } from 'vitest';
import { recordUrl } from './record-url';

describe('recordUrl', () => {
	it('carries kind, start and end, and the booking when there is one', () => {
		const record = { kind: 'video' as const, startedAt: 1000, endedAt: 61_000 };
		expect(recordUrl('e1', record)).toBe(
			'/coach/clients/e1/record?kind=video&startedAt=1000&endedAt=61000'
		);
		expect(recordUrl('e1', { ...record, kind: 'audio' }, 'b7')).toBe(
			'/coach/clients/e1/record?kind=audio&startedAt=1000&endedAt=61000&booking=b7'
		);
	});
});
