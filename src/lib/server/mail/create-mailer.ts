import path from 'node:path';
import type { Mailer } from './mailer';
import { OutboxMailer } from './outbox-mailer';
import { SmtpMailer } from './smtp-mailer';

/** SMTP when a URL is configured, otherwise the .eml outbox under the data directory. */
export function createMailer(config: {
	smtpUrl: string | undefined;
	dataDir: string;
	mailFrom: string;
}): Mailer {
	return config.smtpUrl
		? new SmtpMailer({ url: config.smtpUrl, from: config.mailFrom })
		: new OutboxMailer({ dir: path.join(config.dataDir, 'outbox'), from: config.mailFrom });
}
