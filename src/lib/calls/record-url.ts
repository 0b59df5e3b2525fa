import type { CallRecord } from './coach-call.svelte';

/** H3's record page, prefilled from the call that just ended (see docs/calls-ui.md). */
export function recordUrl(
	engagementId: string,
	record: CallRecord,
	booking: string | null = null
): string {
	const query = new URLSearchParams({
		kind: record.kind,
		startedAt: String(record.startedAt),
		endedAt: String(record.endedAt)
	});
	if (booking) {
		query.set('booking', booking);
	}
	return `/coach/clients/${encodeURIComponent(engagementId)}/record?${query.toString()}`;
}
