import { escapeHtml } from '../mail/invite-email';
import type { MailMessage } from '../mail/mailer';
import { oneLine } from '../mail/link-email';

function message(input: { to: string; subject: string; lines: string[] }): MailMessage {
	const text = [...input.lines, '', 'Tandem'].join('\n\n');
	const paragraphs = input.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
	const html = `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">
${paragraphs}
<p>Tandem</p>
</body></html>`;
	return { to: input.to, subject: input.subject, text, html };
}

// Names are typed by people: collapse whitespace so nothing can break the Subject header.

/** To each client of a coach who deleted their account. */
export function coachDeletedEmail(input: {
	to: string;
	clientName: string;
	coachName: string;
}): MailMessage {
	const coach = oneLine(input.coachName);
	return message({
		to: input.to,
		subject: `${coach} closed their Tandem account`,
		lines: [
			`Hi ${oneLine(input.clientName)},`,
			`${coach} has deleted their Tandem account, so your coaching space with them is closed and its conversation, notes, goals and sessions were removed from the server.`,
			'Whatever your devices already had stays on them: open Tandem and use Settings, "Export my data", to keep a copy.'
		]
	});
}

/** To the coach of a client who deleted their account. */
export function clientDeletedEmail(input: {
	to: string;
	coachName: string;
	clientName: string;
}): MailMessage {
	const client = oneLine(input.clientName);
	return message({
		to: input.to,
		subject: `${client} deleted their Tandem account`,
		lines: [
			`Hi ${oneLine(input.coachName)},`,
			`${client} has deleted their Tandem account. Your shared conversation, notes, goals and session records with them were removed from the server.`,
			'Your private notes about them are kept. A copy your devices already had stays on them; Settings, "Export my data", saves it.'
		]
	});
}
