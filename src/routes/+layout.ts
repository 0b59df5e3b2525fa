import { browser } from '$app/environment';
import { resolveIdentity } from '$lib/local/identity';
import type { LayoutLoad } from './$types';

// Universal (not server-only) so that pages render from the offline cache, where no server
// load can run: in the browser, an unreachable server falls back to the user remembered here.
export const load: LayoutLoad = ({ fetch }) => resolveIdentity(fetch, browser);
