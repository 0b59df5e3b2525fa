import { escapeHtml } from '../mail/invite-email';
import type { MailMessage } from '../mail/mailer';

export interface NotificationEmailInput {
	to: string;
	recipientName: string;
	/** What happened, e.g. "New message from your coach"; never the content itself. */
	text: string;
	/** The app's origin, for links; null when the server does not know its public address. */
	appUrl: string | null;
}

/** The app origin a notification email links to, or null (read back when a digest is rewritten). */
export function appUrlOf(message: Pick<MailMessage, 'text'>): string | null {
	return /Open Tandem to see it: (\S+)\/notifications$/m.exec(message.text)?.[1] ?? null;
}

/** One short email per notification: what happened, where to look, how to stop these. */
export function notificationEmail(input: NotificationEmailInput): MailMessage {
	// Names are typed by people: collapse whitespace so nothing can break the header.
	const subject = input.text.replace(/\s+/g, ' ');
	const list = input.appUrl ? `${input.appUrl}/notifications` : null;
	const text = [
		`Hi ${input.recipientName},`,
		'',
		`${subject}.`,
		'',
		list ? `Open Tandem to see it: ${list}` : 'Open Tandem to see it.',
		'',
		list
			? `You can turn these emails off on that page: ${list}`
			: 'You can turn these emails off on the notifications page in Tandem.',
		'',
		'Tandem'
	].join('\n');
	const link = list
		? `<p><a href="${escapeHtml(list)}">Open Tandem to see it</a></p>`
		: '<p>Open Tandem to see it.</p>';
	const html = `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">
<p>Hi ${escapeHtml(input.recipientName)},</p>
<p>${escapeHtml(subject)}.</p>
${link}
<p style="color:#666">You can turn these emails off on the notifications page in Tandem.</p>
<p>Tandem</p>
</body></html>`;
	return { to: input.to, subject, text, html };
}
