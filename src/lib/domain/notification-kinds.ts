import type { Role } from './account';

/**
 * What can be notified. Shared by the browser (which reports the events it caused) and the
 * server (which checks, stores and delivers them), so both agree on names and rules.
 */
export const NOTIFICATION_KINDS = [
	'invite-accepted',
	'message',
	'note-shared',
	'comment-added',
	'goal-completed',
	'session-recorded',
	'booking-made',
	'booking-changed',
	'booking-cancelled',
	'booking-reminder'
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Who may report each kind. 'invite-accepted' is created by the server's accept flow, so no
 * browser reports it; the client is the one who completes goals; sessions are recorded by the
 * coach (issue 7 reports those).
 */
export const REPORTERS: Record<NotificationKind, readonly Role[]> = {
	'invite-accepted': [],
	message: ['coach', 'client'],
	'note-shared': ['coach', 'client'],
	'comment-added': ['coach', 'client'],
	'goal-completed': ['client'],
	'session-recorded': ['coach'],
	// Bookings are decided by the server (the authority for slots), which notifies by itself.
	'booking-made': [],
	'booking-changed': [],
	'booking-cancelled': [],
	'booking-reminder': []
};

export function isNotificationKind(value: unknown): value is NotificationKind {
	return (NOTIFICATION_KINDS as readonly unknown[]).includes(value);
}

/** Event ids are derived from the document change, so every device computes the same one. */
export const MAX_EVENT_ID_LENGTH = 200;

export const eventIds = {
	message: (messageId: string) => `message:${messageId}`,
	goalCompleted: (goalId: string, completedAt: number) => `goal:${goalId}:completed:${completedAt}`,
	comment: (commentId: string) => `comment:${commentId}`,
	noteShared: (noteId: string) => `note:${noteId}:shared`,
	session: (entryId: string) => `session:${entryId}`,
	inviteAccepted: (engagementId: string) => `engagement:${engagementId}:accepted`
};

/**
 * What a notification is about, so a tap opens exactly that: the goal, the note, the comment
 * (its note is found on the device, which holds the notes) or the conversation. Read back from
 * the event id, so notifications recorded before this existed have one too; null for kinds
 * with no single thing to open (bookings, sessions, an accepted invitation).
 */
export type NotificationTarget =
	| { kind: 'goal'; id: string }
	| { kind: 'note'; id: string }
	| { kind: 'comment'; id: string }
	| { kind: 'message'; id: string };

export function notificationTarget(
	kind: NotificationKind,
	eventId: string
): NotificationTarget | null {
	const after = (prefix: string) =>
		eventId.startsWith(prefix) && eventId.length > prefix.length
			? eventId.slice(prefix.length)
			: null;
	switch (kind) {
		case 'message': {
			const id = after('message:');
			return id ? { kind: 'message', id } : null;
		}
		case 'comment-added': {
			const id = after('comment:');
			return id ? { kind: 'comment', id } : null;
		}
		case 'note-shared': {
			const rest = eventId.endsWith(':shared') ? after('note:') : null;
			const id = rest?.slice(0, -':shared'.length);
			return id ? { kind: 'note', id } : null;
		}
		case 'goal-completed': {
			const rest = after('goal:');
			const at = rest?.lastIndexOf(':completed:') ?? -1;
			return rest && at > 0 ? { kind: 'goal', id: rest.slice(0, at) } : null;
		}
		default:
			return null;
	}
}

/** The subject of a chat digest email: "3 new messages from Clio" (one: as notificationText). */
export function messageDigestText(count: number, actor: { role: Role; name: string }): string {
	const from = actor.role === 'coach' ? 'your coach' : actor.name;
	return count === 1 ? `New message from ${from}` : `${count} new messages from ${from}`;
}

/**
 * What the recipient reads: what happened and who did it, never the content. The actor is
 * "your coach" for a client (they have one), and the client's name for a coach (they have many).
 */
export function notificationText(
	kind: NotificationKind,
	actor: { role: Role; name: string }
): string {
	const who = actor.role === 'coach' ? 'Your coach' : actor.name;
	const from = actor.role === 'coach' ? 'your coach' : actor.name;
	switch (kind) {
		case 'invite-accepted':
			return `${actor.name} accepted your invitation`;
		case 'message':
			return `New message from ${from}`;
		case 'note-shared':
			return `${who} shared a note`;
		case 'comment-added':
			return `New comment from ${from}`;
		case 'goal-completed':
			return `${who} completed a goal`;
		case 'session-recorded':
			return `${who} recorded a session`;
		// The scheduling service writes its own text with the time in the recipient's zone;
		// these are the fallbacks without one.
		case 'booking-made':
			return `${who} booked a session`;
		case 'booking-changed':
			return `${who} moved a session`;
		case 'booking-cancelled':
			return `${who} cancelled a session`;
		case 'booking-reminder':
			return 'You have a session coming up';
	}
}
