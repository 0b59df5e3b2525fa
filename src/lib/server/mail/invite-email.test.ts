import { describe, expect, it } from 'vitest';
import { escapeHtml, inviteEmail } from './invite-email';

const base = {
	to: 'cli@example.com',
	inviteeName: 'Clio',
	coachName: 'Cora Coach',
	link: 'https://tandem.test/invite/abc234',
	message: null,
	expiresAt: Date.UTC(2026, 0, 19)
};

describe('inviteEmail', () => {
	it('says who invited whom, carries the link in both parts and the expiry date', () => {
		const mail = inviteEmail(base);
		expect(mail.subject).toBe('Cora Coach invited you to Tandem');
		for (const part of [mail.text, mail.html]) {
			expect(part).toContain('Clio');
			expect(part).toContain('Cora Coach');
			expect(part).toContain('https://tandem.test/invite/abc234');
			expect(part).toContain('19 January 2026');
		}
		expect(mail.text).not.toContain('wrote:');
	});

	it('includes the personal message, escaped in HTML', () => {
		const mail = inviteEmail({
			...base,
			coachName: 'Cora <b>',
			message: 'See you <script>alert(1)</script> & "soon"\nLine two'
		});
		expect(mail.text).toContain('See you <script>alert(1)</script> & "soon"');
		expect(mail.html).not.toContain('<script>');
		expect(mail.html).not.toContain('Cora <b>');
		expect(mail.html).toContain(
			'See you &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;soon&quot;<br>Line two'
		);
	});

	it('keeps line breaks out of the subject', () => {
		expect(inviteEmail({ ...base, coachName: 'Cora\r\nBcc: x@evil.test' }).subject).toBe(
			'Cora Bcc: x@evil.test invited you to Tandem'
		);
	});

	it('escapes all five HTML-significant characters', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
		);
	});
});
