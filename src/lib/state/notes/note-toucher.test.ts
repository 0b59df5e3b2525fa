import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoteToucher } from './note-toucher';

describe('NoteToucher', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('touches once per pause however often it is asked, and not after cancel', () => {
		const touched: string[] = [];
		const notes = { touch: (id: string) => touched.push(id) };
		const toucher = new NoteToucher(2000);
		for (let i = 0; i < 10; i++) {
			toucher.soon(notes, 'n1');
			vi.advanceTimersByTime(100);
		}
		vi.advanceTimersByTime(1000);
		expect(touched).toEqual(['n1']);
		toucher.soon(notes, 'n1');
		toucher.cancel();
		vi.advanceTimersByTime(5000);
		expect(touched).toEqual(['n1']);
		toucher.soon(null, 'n1');
		vi.advanceTimersByTime(5000);
		expect(touched).toEqual(['n1']);
	});
});
