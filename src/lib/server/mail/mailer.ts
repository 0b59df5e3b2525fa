/** A file sent with a message (e.g. a booking's .ics); passed to nodemailer as it is. */
export interface MailAttachment {
	filename: string;
	content: string;
	contentType: string;
}

/** One outgoing email: always both a plain-text and an HTML part. */
export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
	attachments?: MailAttachment[];
}

/** What happened to one message; failures are data so the caller can record them. */
export type DeliveryOutcome =
	| { status: 'sent'; attempts: number }
	// No SMTP configured: the message was written to a file for a developer to open.
	| { status: 'outbox'; file: string; attempts: number }
	| { status: 'failed'; error: string; attempts: number };

/**
 * Sends mail. Two implementations: SmtpMailer (SMTP_URL set) and OutboxMailer (writes .eml
 * files into <DATA_DIR>/outbox/ for development). Chosen once by createMailer().
 */
export interface Mailer {
	readonly kind: 'smtp' | 'outbox';
	send(message: MailMessage): Promise<DeliveryOutcome>;
	close(): void;
}
