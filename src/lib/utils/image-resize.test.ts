import { describe, expect, it } from 'vitest';
import { AVATAR_OPTIONS, byteBudget, dataUrlLength, fitWithin } from './image-resize';

describe('fitWithin', () => {
	it('scales the longest side down to the limit and keeps the ratio', () => {
		expect(fitWithin(4000, 3000, 256)).toEqual({ width: 256, height: 192 });
		expect(fitWithin(600, 1200, 256)).toEqual({ width: 128, height: 256 });
	});

	it('never enlarges a small image', () => {
		expect(fitWithin(100, 80, 256)).toEqual({ width: 100, height: 80 });
	});

	it('keeps at least one pixel on a very thin image', () => {
		expect(fitWithin(10_000, 3, 256)).toEqual({ width: 256, height: 1 });
	});

	it('refuses empty sizes', () => {
		expect(() => fitWithin(0, 10, 256)).toThrow(RangeError);
		expect(() => fitWithin(10, 10, 0)).toThrow(RangeError);
	});
});

describe('data URL budget', () => {
	it('counts base64 padding and the prefix', () => {
		expect(dataUrlLength(0, 'image/jpeg')).toBe('data:image/jpeg;base64,'.length);
		expect(dataUrlLength(1, 'image/jpeg')).toBe('data:image/jpeg;base64,'.length + 4);
		expect(dataUrlLength(3, 'image/webp')).toBe('data:image/webp;base64,'.length + 4);
		expect(dataUrlLength(4, 'image/webp')).toBe('data:image/webp;base64,'.length + 8);
	});

	it('gives the largest image whose data URL still fits the document', () => {
		const budget = byteBudget(AVATAR_OPTIONS, 'image/webp');
		expect(budget).toBeLessThanOrEqual(AVATAR_OPTIONS.maxBytes);
		expect(dataUrlLength(budget, 'image/webp')).toBeLessThanOrEqual(
			AVATAR_OPTIONS.maxDataUrlLength
		);
		expect(dataUrlLength(budget + 3, 'image/webp')).toBeGreaterThan(
			AVATAR_OPTIONS.maxDataUrlLength
		);
	});

	it('is bounded by maxBytes when the data URL limit is generous', () => {
		const options = { maxSide: 256, maxBytes: 1000, maxDataUrlLength: 1_000_000 };
		expect(byteBudget(options, 'image/jpeg')).toBe(1000);
	});
});
