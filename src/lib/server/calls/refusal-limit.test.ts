import { describe, expect, it } from 'vitest';
import { countsTowardLimit, MAX_REFUSALS, RefusalLimit, REFUSAL_WINDOW_MS } from './refusal-limit';

function limit(max = 3, windowMs = 1000) {
	let time = 5_000;
	const refusals = new RefusalLimit({ max, windowMs, now: () => time });
	return { refusals, advance: (ms: number) => void (time += ms) };
}

const record = (refusals: RefusalLimit, times: number) =>
	Array.from({ length: times }, () => refusals.exceeded());

describe('RefusalLimit', () => {
	it('allows max refusals within the window and reports the next one', () => {
		const { refusals } = limit(3);
		expect(record(refusals, 4)).toEqual([false, false, false, true]);
	});

	it('forgets refusals once they are older than the window', () => {
		const { refusals, advance } = limit(3, 1000);
		expect(record(refusals, 3)).toEqual([false, false, false]);
		advance(999);
		// The first three are still 999 ms old: inside the window.
		expect(refusals.exceeded()).toBe(true);
		advance(1);
		// Now the first three have aged out; only the last one (1 ms old) remains.
		expect(record(refusals, 2)).toEqual([false, false]);
		expect(refusals.exceeded()).toBe(true);
	});

	it('a slow, steady trickle never adds up', () => {
		const { refusals, advance } = limit(3, 1000);
		const verdicts = Array.from({ length: 50 }, () => {
			advance(400);
			return refusals.exceeded();
		});
		expect(verdicts.every((over) => !over)).toBe(true);
	});

	it('defaults to 20 refusals in 10 s', () => {
		const refusals = new RefusalLimit();
		expect([refusals.max, refusals.windowMs]).toEqual([MAX_REFUSALS, REFUSAL_WINDOW_MS]);
		expect([MAX_REFUSALS, REFUSAL_WINDOW_MS]).toEqual([20, 10_000]);
		expect(record(refusals, 21).indexOf(true)).toBe(20);
	});
});

describe('which refusals count', () => {
	it('counts every refusal except a frame for a peer id nobody holds', () => {
		expect(countsTowardLimit('malformed')).toBe(true);
		expect(countsTowardLimit('not-members')).toBe(true);
		expect(countsTowardLimit('offer-not-coach')).toBe(true);
		expect(countsTowardLimit('no-offer')).toBe(true);
		expect(countsTowardLimit('unknown-peer')).toBe(false);
	});
});
