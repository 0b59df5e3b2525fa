/**
 * The coach's profile reaches the server through the offline outbox: edits are saved in the
 * `coach:` document at once, and `PUT /api/profile` waits in the outbox until the server answers.
 * Entries carry a whole HTTP request (clients-outbox's HttpPayload), so the coach screens' runner
 * (started by the coach layout) sends a waiting profile too once the coach has left this page.
 */
import type { TandemIndexDb } from '../local/db';
import { Outbox } from '../local/outbox';
import { startOutbox } from '../local/outbox-runner';
import { sendHttpEntry } from './clients-outbox.svelte';

export const PROFILE_PUBLISH_KIND = 'profile.publish';
/** Only the latest profile matters: a newer edit replaces a waiting one. */
export const PROFILE_DEDUPE_KEY = 'profile';

// One same-origin server: retry soon (1 s, 2 s … 10 s) so a profile saved while the server was
// unreachable goes out shortly after it is back, even if the browser never noticed being offline.
const backoff = (attempts: number) =>
	Math.round(
		Math.min(10_000, 1_000 * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4)
	);

/**
 * An outbox over the user's database with a runner that sends at once (kicked on enqueue).
 *
 *     const { outbox, stop } = startProfileOutbox(useWorkspace().indexDb);
 *     onDestroy(stop);
 */
export function startProfileOutbox(db: TandemIndexDb): { outbox: Outbox; stop: () => void } {
	const outbox = new Outbox({ db, backoff });
	const send = sendHttpEntry.bind(null, globalThis.fetch.bind(globalThis));
	return { outbox, stop: startOutbox({ outbox, send }) };
}
