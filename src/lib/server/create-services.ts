import { createAccountDeletion } from './account-deletion/create-account-deletion';
import { AuthService } from './auth/auth-service';
import { SessionStore } from './auth/session-store';
import { createCallService } from './calls/call-service';
import type { ServerConfig } from './config';
import { createDataImport } from './data-import/create-data-import';
import { openDatabase } from './db';
import { Idempotency } from './idempotency/idempotency';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { mailQueueFromEnv } from './mail-queue/mail-queue';
import { createMembershipServices } from './memberships/create-memberships';
import { createNotifications } from './notifications/create-notifications';
import { createPayments } from './payments/create-payments';
import { clockFromEnv } from './scheduling/clock';
import { createScheduling } from './scheduling/create-scheduling';
import type { Services } from './services';
import { UserStore } from './users';

export function createServices(config: ServerConfig): Services {
	const db = openDatabase(config.dataDir);
	const users = new UserStore(db);
	const sessions = new SessionStore(db);
	const auth = new AuthService({ users, sessions });
	const memberships = createMembershipServices({ db, users, auth, config });
	const idempotency = new Idempotency(new IdempotencyStore(db));
	// Notification, booking and reminder emails go through the durable queue (started and stopped
	// with the server). It shares the scheduling clock: a reminder email expires at its session.
	const now = clockFromEnv(process.env);
	const mailQueue = mailQueueFromEnv({ db, mailer: memberships.mailer, now }, process.env);
	const notifications = createNotifications({
		db,
		users,
		...memberships,
		mailQueue,
		origin: config.origin
	});
	const scheduling = createScheduling({
		db,
		...memberships,
		mailQueue,
		notifications,
		origin: config.origin,
		dataDir: config.dataDir,
		now
	});
	const calls = createCallService({ db, config });
	const dataImport = createDataImport({ db, ...memberships });
	const accountDeletion = createAccountDeletion({ db, users, ...memberships });
	const payments = createPayments({ db, config, users, mailQueue, now, ...memberships });
	return {
		config,
		db,
		users,
		sessions,
		auth,
		idempotency,
		mailQueue,
		notifications,
		scheduling,
		calls,
		dataImport,
		accountDeletion,
		payments,
		...memberships
	};
}
