import { afterAll, beforeAll } from 'vitest';
import { startSmtpSink } from '../../src/lib/server/mail/smtp-sink.testing';
import { spawnServer, type RunningServer } from './spawn-server';

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

export interface MailedServer {
	readonly sink: SmtpSink;
	/** The server started last; throws before the first start. */
	readonly server: RunningServer;
	/**
	 * Stops the current server (if any) and starts a new one that mails to the same sink. Pass the
	 * old dataDir to restart on the same data; extra env (a test clock offset) is added to SMTP_URL.
	 */
	start(options?: { dataDir?: string; env?: Record<string, string> }): Promise<RunningServer>;
}

/**
 * For a describe block: registers beforeAll/afterAll that start an in-process SMTP sink and (unless
 * `startServer` is false, for tests that start their own) a real server mailing to it, and stop
 * both afterwards, so each test file does not repeat that lifecycle.
 */
export function mailedServer(options: { startServer?: boolean } = {}): MailedServer {
	let sink: SmtpSink | undefined;
	let server: RunningServer | undefined;

	const fixture: MailedServer = {
		get sink() {
			if (!sink) {
				throw new Error('The SMTP sink starts in beforeAll; use it inside a test.');
			}
			return sink;
		},
		get server() {
			if (!server) {
				throw new Error('No server yet: call start() first.');
			}
			return server;
		},
		async start(startOptions = {}) {
			await server?.stop();
			server = undefined;
			server = await spawnServer({
				dataDir: startOptions.dataDir,
				env: { SMTP_URL: fixture.sink.url, ...startOptions.env }
			});
			return server;
		}
	};

	beforeAll(async () => {
		sink = await startSmtpSink();
		if (options.startServer ?? true) {
			await fixture.start();
		}
	});
	afterAll(async () => {
		await server?.stop();
		await sink?.close();
	});
	return fixture;
}
