import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage } from './mailer';
import { SmtpMailer } from './smtp-mailer';
import { inviteLinkIn, startSmtpSink } from './smtp-sink.testing';

const message: MailMessage = {
	to: 'cli@example.com',
	subject: 'Hello',
	text: 'Open https://tandem.test/invite/abc234 please',
	html: '<p>Open <a href="https://tandem.test/invite/abc234">it</a></p>'
};

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let waits: number[];
let mailer: SmtpMailer;

beforeEach(async () => {
	sink = await startSmtpSink();
	waits = [];
	mailer = new SmtpMailer({
		url: sink.url,
		from: 'Tandem <t@tandem.test>',
		attempts: 3,
		backoffMs: 100,
		sleep: async (ms) => void waits.push(ms)
	});
});
afterEach(async () => {
	mailer.close();
	await sink.close();
});

describe('SmtpMailer', () => {
	it('delivers a message with both parts to a real SMTP server', async () => {
		expect(await mailer.send(message)).toEqual({ status: 'sent', attempts: 1 });
		const [mail] = await sink.waitFor(1);
		expect(mail!.to).toEqual(['cli@example.com']);
		expect(mail!.raw).toContain('text/plain');
		expect(mail!.raw).toContain('text/html');
		expect(inviteLinkIn(mail!.raw)).toBe('https://tandem.test/invite/abc234');
	});

	it('retries temporary failures with growing waits', async () => {
		sink.rejectNext(451, 451);
		expect(await mailer.send(message)).toEqual({ status: 'sent', attempts: 3 });
		expect(waits).toEqual([100, 200]);
		expect(sink.received).toHaveLength(1);
	});

	it('gives up after the last attempt and reports the error', async () => {
		sink.rejectNext(451, 451, 451);
		const outcome = await mailer.send(message);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 3 });
		expect(outcome.status === 'failed' && outcome.error).toMatch(/451/);
	});

	it('does not retry a permanent refusal', async () => {
		sink.rejectNext(550);
		expect(await mailer.send(message)).toMatchObject({ status: 'failed', attempts: 1 });
		expect(waits).toEqual([]);
	});

	it('reports an unreachable server as failed, not as a crash', async () => {
		await sink.close();
		const outcome = await mailer.send(message);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 3 });
	});
});
