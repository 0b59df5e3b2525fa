import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
}

/**
 * A real SMTP server on 127.0.0.1, port 0, for tests: plain text, no auth, no STARTTLS.
 * `rejectNext` makes the next messages fail with the given SMTP reply code.
 */
export async function startSmtpSink() {
	const received: ReceivedMail[] = [];
	const rejections: number[] = [];
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const code = rejections.shift();
				if (code) {
					callback(Object.assign(new Error(`rejected with ${code}`), { responseCode: code }));
					return;
				}
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		received,
		rejectNext(...codes: number[]) {
			rejections.push(...codes);
		},
		/** Resolves once `count` messages have arrived (bounded by timeoutMs). */
		async waitFor(count: number, timeoutMs = 5000): Promise<ReceivedMail[]> {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count && Date.now() < deadline) {
				await new Promise((r) => setTimeout(r, 20));
			}
			if (received.length < count) {
				throw new Error(`expected ${count} messages, got ${received.length}`);
			}
			return received;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Undoes quoted-printable (soft line breaks and =XX escapes) so links can be searched for. */
export function decodeQuotedPrintable(raw: string): string {
	const joined = raw.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		const hex = joined.slice(i + 1, i + 3);
		if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(joined[i]!, 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

/** The first `<origin>/invite/<token>` link in a raw MIME message. */
export function inviteLinkIn(raw: string): string {
	const match = /https?:\/\/[^\s"<>]+\/invite\/[a-z0-9]+/.exec(decodeQuotedPrintable(raw));
	if (!match) {
		throw new Error('no invite link in the message');
	}
	return match[0];
}
