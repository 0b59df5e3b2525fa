import type { MailMessage } from './mailer';

export interface InviteEmailInput {
	to: string;
	inviteeName: string;
	coachName: string;
	link: string;
	/** The coach's optional personal note, shown as they wrote it. */
	message: string | null;
	expiresAt: number;
}

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Everything a coach or invitee typed goes through this before it touches the HTML part. */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function formatDate(ms: number): string {
	return new Date(ms).toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

function textBody(input: InviteEmailInput, until: string): string {
	const note = input.message ? `\n${input.coachName} wrote:\n\n${input.message}\n` : '';
	return [
		`Hi ${input.inviteeName},`,
		'',
		`${input.coachName} has invited you to work together on Tandem, where you can chat,`,
		'share notes and goals, and have your sessions in one place.',
		note,
		'Open this link to accept and set up your account:',
		'',
		input.link,
		'',
		`The link works once and until ${until}. If you were not expecting this, you can ignore it.`,
		'',
		'See you soon,',
		'Tandem'
	].join('\n');
}

function htmlBody(input: InviteEmailInput, until: string): string {
	const coach = escapeHtml(input.coachName);
	const link = escapeHtml(input.link);
	const note = input.message
		? `<p>${coach} wrote:</p><blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid #ccc">${escapeHtml(input.message).replace(/\r?\n/g, '<br>')}</blockquote>`
		: '';
	return `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">
<p>Hi ${escapeHtml(input.inviteeName)},</p>
<p>${coach} has invited you to work together on Tandem, where you can chat, share notes and goals, and have your sessions in one place.</p>
${note}
<p><a href="${link}" style="display:inline-block;padding:10px 18px;background:#2f5d50;color:#fff;border-radius:6px;text-decoration:none">Accept the invitation</a></p>
<p>Or paste this link into your browser:<br>${link}</p>
<p style="color:#666">The link works once and until ${until}. If you were not expecting this, you can ignore it.</p>
<p>See you soon,<br>Tandem</p>
</body></html>`;
}

/** A plain, friendly invitation: who invited you, their note if any, and the one link. */
export function inviteEmail(input: InviteEmailInput): MailMessage {
	const until = formatDate(input.expiresAt);
	return {
		to: input.to,
		// Collapsed so a name can never smuggle a line break into the header.
		subject: `${input.coachName.replace(/\s+/g, ' ')} invited you to Tandem`,
		text: textBody(input, until),
		html: htmlBody(input, until)
	};
}
