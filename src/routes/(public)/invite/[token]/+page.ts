import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** What `GET /api/invites/<token>` tells the invitee (see InvitePreview on the server). */
export interface InvitePreview {
	email: string;
	name: string;
	coachName: string;
	hasAccount: boolean;
}

export type InviteState = { kind: 'valid'; invite: InvitePreview } | { kind: 'offline' };

const OFFLINE: { invite: InviteState } = { invite: { kind: 'offline' } };

/**
 * Universal, not a server load: the same JSON API the app exposes decides, and opened from the
 * offline shell the page can still say why it cannot continue instead of failing to load.
 * Unknown and used links become the 404/410 error pages (+error.svelte).
 */
export const load: PageLoad = async ({ fetch, params }): Promise<{ invite: InviteState }> => {
	let response: Response;
	try {
		response = await fetch(`/api/invites/${encodeURIComponent(params.token)}`);
	} catch {
		return OFFLINE;
	}
	if (response.ok) {
		const body = (await response.json()) as { invite: InvitePreview };
		return { invite: { kind: 'valid', invite: body.invite } };
	}
	const body = (await response.json().catch(() => ({}))) as { error?: string };
	if (response.status === 404 || response.status === 410) {
		error(response.status, body.error ?? 'This invitation link cannot be used.');
	}
	// A struggling server is, for the invitee, the same as no connection: try again later.
	return OFFLINE;
};
