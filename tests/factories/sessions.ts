import type { PackageTerms, SessionEntry } from '../../src/lib/domain/sessions';

let counter = 0;

/** A plain ledger entry with sensible defaults; ids are unique within a test run. */
export function buildSessionEntry(overrides: Partial<SessionEntry> = {}): SessionEntry {
	counter += 1;
	const startedAt = overrides.startedAt ?? Date.UTC(2026, 0, 1, 9) + counter * 86_400_000;
	return {
		id: `session-${counter}`,
		kind: 'video',
		startedAt,
		endedAt: startedAt + 50 * 60_000,
		outcome: 'completed',
		note: '',
		recordedBy: 'coach-1',
		recordedAt: startedAt + 55 * 60_000,
		corrects: null,
		bookingId: null,
		complimentary: false,
		...overrides
	};
}

export function buildPackageTerms(overrides: Partial<PackageTerms> = {}): PackageTerms {
	return { sessionsTotal: 10, noShowConsumesSession: false, ...overrides };
}
