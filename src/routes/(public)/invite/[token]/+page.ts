import { error } from '@sveltejs/kit';
import type { InvitePreview } from '$lib/api/invites';
import { previewInvite } from '$lib/state/clients/request-json';
import type { PageLoad } from './$types';

export type InviteState = { kind: 'valid'; invite: InvitePreview } | { kind: 'offline' };

const OFFLINE: { invite: InviteState } = { invite: { kind: 'offline' } };

/**
 * Universal, not a server load: the same JSON API the app exposes decides, and opened from the
 * offline shell the page can still say why it cannot continue instead of failing to load.
 * Unknown and used links become the 404/410 error pages (+error.svelte).
 */
export const load: PageLoad = async ({ fetch, params }): Promise<{ invite: InviteState }> => {
	const result = await previewInvite(params.token, fetch);
	if (result.ok) {
		return { invite: { kind: 'valid', invite: result.data.invite } };
	}
	if (result.status === 404 || result.status === 410) {
		const known = result.code !== 'unknown';
		error(result.status, known ? result.error : 'This invitation link cannot be used.');
	}
	// A struggling server (or none) is, for the invitee, the same as no connection: try again later.
	return OFFLINE;
};
