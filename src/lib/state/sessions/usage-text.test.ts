import { describe, expect, it } from 'vitest';
import { beyondLine, usageLine } from './usage-text';

describe('usageLine', () => {
	it('shows used, booked and remaining together', () => {
		expect(usageLine({ total: 4, used: 0, booked: 4, remaining: 0 })).toBe(
			'0 used · 4 booked · 0 remaining of 4'
		);
		expect(usageLine({ total: 4, used: 1, booked: 2, remaining: 1 })).toBe(
			'1 used · 2 booked · 1 remaining of 4'
		);
	});

	it('never reads as more used than the package holds', () => {
		const line = usageLine({ total: 4, used: 5, booked: 1, remaining: 0 });
		expect(line).toBe('4 used · 0 booked · 0 remaining of 4');
		expect(beyondLine({ beyond: 2 })).toMatch(/^2 sessions beyond the package/);
		expect(beyondLine({ beyond: 0 })).toBeNull();
	});
});
