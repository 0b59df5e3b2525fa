import path from 'node:path';
import Database from 'better-sqlite3';
import { CAUGHT_UP_LINE } from '../../server/caught-up';
import type { RunningServer } from './spawn-server';

function pendingMail(server: RunningServer): number {
	const db = new Database(path.join(server.dataDir, 'tandem.sqlite'), { readonly: true });
	try {
		const row = db.prepare(`SELECT COUNT(*) AS n FROM mail_queue WHERE status = 'pending'`).get();
		return (row as { n: number }).n;
	} finally {
		db.close();
	}
}

/**
 * The barrier for "nothing more arrives": the server has handled what was due at its start (its
 * caught-up line: reminders queued, the queue drained once) and its mail queue holds no email
 * still to send. A pending row is sent (or given up) before this resolves, so an email a bug
 * queued twice reaches the sink first and the count after it is final. Polls, never sleeps.
 */
export async function mailSettled(server: RunningServer, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(server.output().includes(CAUGHT_UP_LINE) && pendingMail(server) === 0)) {
		if (Date.now() > deadline) {
			throw new Error(`mail did not settle: ${pendingMail(server)} pending`);
		}
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
