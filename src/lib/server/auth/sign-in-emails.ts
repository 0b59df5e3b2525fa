import { escapeHtml } from '../mail/invite-email';
import type { MailMessage } from '../mail/mailer';

/**
 * To an account's owner when its sign-in sees a burst of wrong passwords (once per burst). It
 * names no address or place on purpose: those are the attacker's, and often a proxy's anyway.
 */
export function failedSignInsEmail(input: {
	to: string;
	name: string;
	failures: number;
	windowMinutes: number;
}): MailMessage {
	const lines = [
		`Hi ${input.name.replace(/\s+/g, ' ').trim()},`,
		`Someone tried to sign in to your Tandem account (${input.to}) with a wrong password ${input.failures} times within ${input.windowMinutes} minutes.`,
		'Further attempts are being slowed down, and you can still sign in as usual. If it was you, there is nothing to do.',
		'If it was not you, nobody got in, but make sure your password is long and not used anywhere else.'
	];
	const text = [...lines, '', 'Tandem'].join('\n\n');
	const html = `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p>Tandem</p>
</body></html>`;
	return { to: input.to, subject: 'Failed sign-in attempts on your Tandem account', text, html };
}
