import { describe, expect, it } from 'vitest';
import { buildSessionEntry } from '../../../../tests/factories/sessions';
import { ledgerRows, lengthMinutes } from './ledger-rows';

describe('ledgerRows', () => {
	it('one row per session, newest first, with earlier versions oldest first', () => {
		const old = buildSessionEntry({ startedAt: 1_000_000, outcome: 'completed' });
		const recent = buildSessionEntry({ startedAt: 9_000_000, outcome: 'no-show' });
		const fix1 = buildSessionEntry({
			startedAt: 1_000_000,
			outcome: 'technical-failure',
			corrects: old.id,
			recordedAt: 5
		});
		const fix2 = buildSessionEntry({
			startedAt: 1_000_000,
			outcome: 'completed',
			note: 'it did happen',
			corrects: fix1.id,
			recordedAt: 6
		});
		const rows = ledgerRows([fix2, old, recent, fix1]);
		expect(rows.map((row) => row.id)).toEqual([recent.id, old.id]);
		expect(rows[0]).toEqual({ id: recent.id, current: recent, earlier: [] });
		expect(rows[1]!.current).toBe(fix2);
		expect(rows[1]!.earlier).toEqual([old, fix1].sort((a, b) => a.recordedAt - b.recordedAt));
	});

	it('a losing concurrent correction stays in the history; orphans show nowhere', () => {
		const original = buildSessionEntry({ recordedAt: 1 });
		const a = buildSessionEntry({ corrects: original.id, recordedAt: 10, outcome: 'no-show' });
		const b = buildSessionEntry({ corrects: original.id, recordedAt: 20, outcome: 'completed' });
		const orphan = buildSessionEntry({ corrects: 'missing' });
		const [row, ...rest] = ledgerRows([b, orphan, a, original]);
		expect(rest).toEqual([]);
		expect(row!.current).toBe(b);
		expect(row!.earlier).toEqual([original, a]);
	});

	it('lengthMinutes rounds and knows an open end', () => {
		expect(lengthMinutes(buildSessionEntry({ startedAt: 0, endedAt: 45 * 60_000 + 20_000 }))).toBe(
			45
		);
		expect(lengthMinutes(buildSessionEntry({ endedAt: null }))).toBeNull();
	});
});
