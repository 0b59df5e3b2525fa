import type { InviteView } from '../../api/invites';
import type { Invite } from './invite-store';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An invite as the coach sees it: never the token, which only the email carries. */
export function inviteView(invite: Invite): InviteView {
	return {
		id: invite.id,
		email: invite.email,
		name: invite.name,
		status: invite.status,
		engagementId: invite.engagementId,
		message: invite.message,
		createdAt: new Date(invite.createdAt).toISOString(),
		expiresAt: new Date(invite.expiresAt).toISOString(),
		acceptedAt: iso(invite.acceptedAt),
		delivery: {
			status: invite.delivery.status,
			error: invite.delivery.error,
			attempts: invite.delivery.attempts,
			at: iso(invite.delivery.at)
		}
	};
}

export function syncTokenView(minted: { token: string; expiresAt: number }) {
	return { token: minted.token, expiresAt: iso(minted.expiresAt) };
}
