/**
 * The signed-in client's browser tells the server which zone it is in (PUT /api/me/time-zone),
 * so emails show the client's local time even when the coach books. Once per browser session:
 * the zone reported is remembered in sessionStorage. Offline or refused, it stays silent and
 * tries again on the next load; nothing on screen depends on it.
 */

import { apiRequest } from '../../api/client';

const KEY = 'tandem:time-zone-reported';

export interface ReportDeps {
	fetch: typeof fetch;
	storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	zone: string;
}

function browserDeps(): ReportDeps | null {
	if (typeof window === 'undefined') {
		return null;
	}
	let storage: Storage | null = null;
	try {
		storage = window.sessionStorage;
	} catch {
		// Storage blocked (privacy settings): report on every load instead.
	}
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	return { fetch: window.fetch.bind(window), storage, zone };
}

/** True when the server took the zone (or had it already this session). */
export async function reportTimeZone(deps: ReportDeps | null = browserDeps()): Promise<boolean> {
	if (!deps?.zone) {
		return false;
	}
	if (deps.storage?.getItem(KEY) === deps.zone) {
		return true;
	}
	const reported = await apiRequest('/api/me/time-zone', {
		method: 'PUT',
		body: { timeZone: deps.zone },
		fetch: deps.fetch
	});
	if (!reported.ok) {
		return false;
	}
	deps.storage?.setItem(KEY, deps.zone);
	return true;
}
