/*
 * The readable files of an export (chat.md, notes/*.md, goals.json, sessions.csv), rendered
 * from the plain values the typed schema modules read out of the documents.
 */
import type { Goal, Message, Note, NoteComment } from '../domain/engagement';
import type { SessionEntry } from '../domain/sessions';
import { toCsv } from './csv';
import { blocksToMarkdown, escapeMarkdown, type RichNode } from './markdown';

/** User id → display name; unknown authors (a foreign writer) show as their id. */
export type Names = ReadonlyMap<string, string>;

const nameOf = (names: Names, id: string) => names.get(id) ?? (id || 'Unknown');

/** Milliseconds since the epoch → ISO 8601 UTC; '' for a missing time. */
export function isoTime(ms: number | null): string {
	return ms === null || !Number.isFinite(ms) ? '' : new Date(ms).toISOString();
}

const quote = (text: string) =>
	text
		.split('\n')
		.map((line) => (line.length > 0 ? `> ${line}` : '>'))
		.join('\n');

/**
 * One heading per message (author and time), its text quoted below: whatever a message
 * contains stays inside its own block quote, so the transcript's structure cannot be broken.
 */
export function renderChat(input: {
	title: string;
	messages: readonly Message[];
	names: Names;
}): string {
	const parts = [`# ${escapeMarkdown(input.title)}`, 'Times are UTC (ISO 8601).'];
	if (input.messages.length === 0) {
		parts.push('_No messages._');
	}
	for (const message of input.messages) {
		parts.push(
			`### ${escapeMarkdown(nameOf(input.names, message.authorId))} · ${isoTime(message.sentAt)}`,
			quote(message.text)
		);
	}
	return parts.join('\n\n') + '\n';
}

function renderComment(comment: NoteComment, names: Names): string {
	const status = comment.resolved ? ' (resolved)' : '';
	const head = `**${escapeMarkdown(nameOf(names, comment.authorId))}** · ${isoTime(comment.createdAt)}${status}`;
	return `${head}: ${escapeMarkdown(comment.text).replace(/\n/g, '\\\n')}`;
}

function renderComments(comments: readonly NoteComment[], names: Names): string {
	const threads = comments.filter((c) => c.parentId === null);
	return threads
		.map((thread) => {
			const replies = comments.filter((c) => c.parentId === thread.id);
			const lines = [`- ${renderComment(thread, names)}`];
			replies.forEach((reply) => lines.push(`  - ${renderComment(reply, names)}`));
			return lines.join('\n');
		})
		.join('\n');
}

/** A note as Markdown: title, a line of facts, the body, then its comment threads. */
export function renderNote(input: {
	note: Note;
	body: readonly RichNode[];
	names: Names;
	/** 'Shared note' or 'Private note about …'. */
	label: string;
}): string {
	const { note, names } = input;
	const facts = [
		escapeMarkdown(input.label),
		`by ${escapeMarkdown(nameOf(names, note.authorId))}`,
		`created ${isoTime(note.createdAt)}`,
		`updated ${isoTime(note.updatedAt)}`,
		...(note.deleted
			? [
					`in the trash: deleted by ${escapeMarkdown(nameOf(names, note.deleted.by))} ${isoTime(note.deleted.at)}`
				]
			: [])
	].join(' · ');
	const parts = [`# ${escapeMarkdown(note.title || 'Untitled')}`, `_${facts}_`];
	const body = blocksToMarkdown(input.body);
	if (body.length > 0) {
		parts.push(body);
	}
	if (note.comments.length > 0) {
		parts.push('## Comments', renderComments(note.comments, names));
	}
	return parts.join('\n\n') + '\n';
}

export function renderGoals(goals: readonly Goal[], names: Names): string {
	const rows = goals.map((goal) => ({
		id: goal.id,
		title: goal.title,
		description: goal.description,
		status: goal.status,
		dueDate: goal.dueDate,
		author: nameOf(names, goal.authorId),
		authorId: goal.authorId,
		createdAt: isoTime(goal.createdAt),
		updatedAt: isoTime(goal.updatedAt),
		completedAt: goal.completedAt === null ? null : isoTime(goal.completedAt)
	}));
	return JSON.stringify({ goals: rows }, null, '\t') + '\n';
}

export const SESSIONS_HEADER = ['date', 'kind', 'length_minutes', 'outcome', 'note'] as const;

/** The sessions that count (corrections applied), oldest first; length empty when unknown. */
export function renderSessions(sessions: readonly SessionEntry[]): string {
	const rows = sessions.map((s) => [
		isoTime(s.startedAt),
		s.kind,
		s.endedAt === null ? null : Math.round((s.endedAt - s.startedAt) / 60_000),
		s.outcome,
		s.note
	]);
	return toCsv(SESSIONS_HEADER, rows);
}
