import { afterEach } from 'vitest';
import { startSmtpSink } from '../../src/lib/server/mail/smtp-sink.testing';
import { spawnServer, type RunningServer } from './spawn-server';

export type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

/** Short retry timing for the mail queue (TANDEM_MAIL_*, tests only). */
export const FAST_MAIL = { TANDEM_MAIL_RETRY_MS: '300', TANDEM_MAIL_DRAIN_MS: '100' };

/**
 * For test files that start and restart their own servers and SMTP sinks (mail-queue tests):
 * everything started is stopped after each test, whatever the test did to it meanwhile.
 */
export function mailFleet() {
	const servers: RunningServer[] = [];
	const closers: (() => Promise<void>)[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((s) => s.stop()));
		await Promise.all(closers.splice(0).map((close) => close()));
	});
	const forget = (server: RunningServer) => void servers.splice(servers.indexOf(server), 1);
	return {
		async sink(): Promise<Sink> {
			const started = await startSmtpSink();
			closers.push(() => started.close());
			return started;
		},
		/** A server with FAST_MAIL plus `env`; `dataDir` restarts on existing data. */
		async start(env: Record<string, string>, dataDir?: string): Promise<RunningServer> {
			const server = await spawnServer({
				env: { ...FAST_MAIL, ...env },
				...(dataDir ? { dataDir } : {})
			});
			servers.push(server);
			return server;
		},
		async stop(server: RunningServer): Promise<void> {
			forget(server);
			await server.stop();
		},
		/** SIGKILL, leaving the data directory as a crash would. */
		async kill(server: RunningServer): Promise<void> {
			forget(server);
			await server.kill();
		},
		/** Something else the test started that must be closed after it. */
		onCleanup(close: () => Promise<void>): void {
			closers.push(close);
		}
	};
}
