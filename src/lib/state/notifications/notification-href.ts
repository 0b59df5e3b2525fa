import type { Role } from '../../domain/account';
import type { NotificationEntry } from './group-notifications';

/** The section a notification of this kind opens when it names nothing (an old cached list). */
const SECTION: Partial<Record<NotificationEntry['kind'], string>> = {
	'goal-completed': 'goals',
	'note-shared': 'notes',
	'comment-added': 'notes'
};

/**
 * Where a tap on a notification leads: the engagement's screen for this user, at the goal
 * (`?tab=goals&goal=…`), the note (`?tab=notes&note=…`) or the note holding the comment
 * (`?tab=notes&comment=…`) it is about; a message opens the chat, which is the default.
 */
export function notificationHref(
	entry: Pick<NotificationEntry, 'engagementId' | 'kind' | 'target'>,
	role: Role
): string {
	const base =
		role === 'coach' ? `/coach/clients/${encodeURIComponent(entry.engagementId)}` : '/client';
	const target = entry.target;
	const params = new URLSearchParams();
	if (target?.kind === 'goal') {
		params.set('tab', 'goals');
		params.set('goal', target.id);
	} else if (target?.kind === 'note' || target?.kind === 'comment') {
		params.set('tab', 'notes');
		params.set(target.kind, target.id);
	} else if (SECTION[entry.kind]) {
		params.set('tab', SECTION[entry.kind]!);
	}
	const query = params.toString();
	return query ? `${base}?${query}` : base;
}

/** What a link asks the engagement screen to open: a section, and in it one goal, note or comment. */
export interface LinkedItem {
	tab: string | null;
	goal: string | null;
	note: string | null;
	comment: string | null;
}

export function linkedItem(params: URLSearchParams): LinkedItem {
	return {
		tab: params.get('tab'),
		goal: params.get('goal'),
		note: params.get('note'),
		comment: params.get('comment')
	};
}
