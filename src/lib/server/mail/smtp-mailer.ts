import nodemailer, { type Mail } from 'nodemailer';
import type { DeliveryOutcome, MailMessage, Mailer } from './mailer';

export interface SmtpMailerOptions {
	/** smtp://user:pass@host:port or smtps://… (nodemailer's connection URL). */
	url: string;
	from: string;
	/** Tries per message, including the first. */
	attempts?: number;
	/** Wait before the second try; doubled before each further one. */
	backoffMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Errors can be long server transcripts; the coach needs the gist, the table needs a bound.
const MAX_ERROR_LENGTH = 300;

function describe(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.slice(0, MAX_ERROR_LENGTH);
}

/** A 5xx reply (mailbox unknown, message refused) will not change on retry; anything else might. */
function isPermanent(error: unknown): boolean {
	const code = (error as { responseCode?: unknown }).responseCode;
	return typeof code === 'number' && code >= 500;
}

/**
 * Sends over SMTP with a few retries and exponential backoff, so a mail server that blips does
 * not lose an invite. Timeouts are far below nodemailer's two-minute defaults because the coach
 * is waiting on the request.
 */
export class SmtpMailer implements Mailer {
	readonly kind = 'smtp';
	#transport: Mail;
	#from: string;
	#attempts: number;
	#backoffMs: number;
	#sleep: (ms: number) => Promise<void>;

	constructor(options: SmtpMailerOptions) {
		this.#transport = nodemailer.createTransport({
			url: options.url,
			connectionTimeout: 5000,
			greetingTimeout: 5000,
			socketTimeout: 15000
		});
		this.#from = options.from;
		this.#attempts = Math.max(1, options.attempts ?? 3);
		this.#backoffMs = options.backoffMs ?? 500;
		this.#sleep = options.sleep ?? sleepFor;
	}

	async send(message: MailMessage): Promise<DeliveryOutcome> {
		let lastError: unknown;
		for (let attempt = 1; attempt <= this.#attempts; attempt++) {
			if (attempt > 1) {
				await this.#sleep(this.#backoffMs * 2 ** (attempt - 2));
			}
			try {
				await this.#transport.sendMail({ from: this.#from, ...message });
				return { status: 'sent', attempts: attempt };
			} catch (error) {
				lastError = error;
				if (isPermanent(error)) {
					return { status: 'failed', error: describe(error), attempts: attempt };
				}
			}
		}
		return { status: 'failed', error: describe(lastError), attempts: this.#attempts };
	}

	close(): void {
		this.#transport.close();
	}
}
