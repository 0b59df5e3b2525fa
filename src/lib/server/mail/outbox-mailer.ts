import nodemailer from 'nodemailer';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateSecureRandomString } from '../ids';
import type { DeliveryOutcome, MailMessage, Mailer } from './mailer';

/**
 * Development mailer: builds the exact MIME message SMTP would carry and writes it to
 * <dir>/<time>-<id>.eml, which any mail client opens. Nothing leaves the machine.
 */
export class OutboxMailer implements Mailer {
	readonly kind = 'outbox';
	#dir: string;
	#from: string;
	#transport = nodemailer.createTransport({
		streamTransport: true,
		buffer: true,
		newline: 'windows'
	});

	constructor(options: { dir: string; from: string }) {
		this.#dir = options.dir;
		this.#from = options.from;
	}

	async send(message: MailMessage): Promise<DeliveryOutcome> {
		try {
			const info = await this.#transport.sendMail({ from: this.#from, ...message });
			await fs.mkdir(this.#dir, { recursive: true });
			const stamp = new Date().toISOString().replace(/[:.]/g, '-');
			const file = path.join(this.#dir, `${stamp}-${generateSecureRandomString()}.eml`);
			await fs.writeFile(file, info.message as Buffer);
			return { status: 'outbox', file, attempts: 1 };
		} catch (error) {
			return {
				status: 'failed',
				error: error instanceof Error ? error.message : String(error),
				attempts: 1
			};
		}
	}

	close(): void {
		this.#transport.close();
	}
}
