import { escapeHtml } from './invite-email';
import type { MailMessage } from './mailer';

/** A name or subject part on one line (no header or paragraph breaks from user input). */
export const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * The plain account email: a few paragraphs, then the one link it is about. Every piece of text
 * is escaped for the HTML part.
 */
export function linkEmail(to: string, subject: string, lines: string[], link: string): MailMessage {
	const text = [...lines, link, '', 'Tandem'].join('\n\n');
	const html = `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>
<p>Tandem</p>
</body></html>`;
	return { to, subject, text, html };
}
