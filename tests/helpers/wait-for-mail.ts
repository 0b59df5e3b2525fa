import { expect } from 'vitest';
import type { ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';

/**
 * Emails leave through the durable mail queue after the response, so a test polls for them
 * instead of sleeping a fixed time (a fixed sleep was a CI flake on a loaded machine).
 */
export async function waitForMail(
	received: ReceivedMail[],
	match: (mail: ReceivedMail) => boolean,
	count = 1,
	timeoutMs = 5000
): Promise<ReceivedMail[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = received.filter(match);
		if (found.length >= count || Date.now() > deadline) {
			expect(found.length).toBeGreaterThanOrEqual(count);
			return found;
		}
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
