import type { DeliveryOutcome, MailMessage, Mailer } from './mailer';

/** In-memory Mailer for unit tests: keeps every message and can be told to fail. */
export class MemoryMailer implements Mailer {
	readonly kind = 'smtp';
	readonly sent: MailMessage[] = [];
	failWith: string | null = null;

	async send(message: MailMessage): Promise<DeliveryOutcome> {
		if (this.failWith) {
			return { status: 'failed', error: this.failWith, attempts: 3 };
		}
		this.sent.push(message);
		return { status: 'sent', attempts: 1 };
	}

	/** The token in the newest message's link (`…/invite/<token>`). */
	lastToken(): string {
		const text = this.sent.at(-1)?.text ?? '';
		const match = /\/invite\/([a-z0-9]+)/.exec(text);
		if (!match?.[1]) {
			throw new Error('no invite link in the last message');
		}
		return match[1];
	}

	close(): void {}
}
