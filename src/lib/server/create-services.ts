import { createAccountDeletion } from './account-deletion/create-account-deletion';
import { AuthService } from './auth/auth-service';
import { EmailChangeService } from './auth/email-change-service';
import { NewDeviceNotices } from './auth/new-device-notices';
import { PasswordService } from './auth/password-service';
import { SessionStore } from './auth/session-store';
import { failedSignInsEmail } from './auth/sign-in-emails';
import { signInPolicy } from './auth/sign-in-guard';
import { SignupService } from './auth/signup-service';
import { createCallService } from './calls/call-service';
import type { ServerConfig } from './config';
import { createDataImport } from './data-import/create-data-import';
import { sqliteAppDatabase } from './database/app-database';
import { openDatabase } from './db';
import { Idempotency } from './idempotency/idempotency';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { emailLimitsFromEnv } from './mail/email-allowance';
import { mailQueueFromEnv } from './mail-queue/mail-queue';
import { createMembershipServices } from './memberships/create-memberships';
import {
	createNotifications,
	notificationTimingFromEnv
} from './notifications/create-notifications';
import { createPayments } from './payments/create-payments';
import { clockFromEnv } from './scheduling/clock';
import { createScheduling } from './scheduling/create-scheduling';
import type { Services } from './services';
import { UserStore } from './users';

export function createServices(config: ServerConfig): Services {
	const db = openDatabase(config.dataDir);
	// The typed async query layer over the same file; stores move onto it one by one (issue 14).
	const database = sqliteAppDatabase(db);
	const users = new UserStore(db);
	const sessions = new SessionStore(db);
	const auth = new AuthService({ users, sessions });
	const memberships = createMembershipServices({
		db,
		database,
		users,
		auth,
		config,
		emailLimits: emailLimitsFromEnv(process.env)
	});
	const idempotency = new Idempotency(new IdempotencyStore(db));
	// Notification, booking and reminder emails go through the durable queue (started and stopped
	// with the server). It shares the scheduling clock: a reminder email expires at its session.
	const now = clockFromEnv(process.env);
	const mailQueue = mailQueueFromEnv({ database, mailer: memberships.mailer, now }, process.env);
	// The owner hears of a burst of wrong passwords on their account (once per burst).
	auth.onFailureBurst((user) => {
		const email = failedSignInsEmail({
			to: user.email,
			name: user.name,
			failures: signInPolicy.burstFailures,
			windowMinutes: signInPolicy.burstWindowMs / 60_000
		});
		mailQueue.enqueue(email, { userId: user.id, ref: null });
		void mailQueue.kick();
	});
	const signup = new SignupService({
		db,
		users,
		auth,
		mailQueue,
		mailerKind: memberships.mailer.kind
	});
	const passwords = new PasswordService({
		db,
		users,
		sessions,
		auth,
		mailQueue,
		mailerKind: memberships.mailer.kind
	});
	const newDevices = new NewDeviceNotices({ db, mailQueue });
	const emailChanges = new EmailChangeService({ db, users, mailQueue });
	const notifications = createNotifications({
		db,
		database,
		users,
		...memberships,
		mailQueue,
		...notificationTimingFromEnv(process.env),
		origin: config.origin
	});
	const scheduling = createScheduling({
		db,
		database,
		...memberships,
		mailQueue,
		notifications,
		origin: config.origin,
		dataDir: config.dataDir,
		now
	});
	const calls = createCallService({ db, config });
	const dataImport = createDataImport({ db, ...memberships, availability: scheduling.bookings });
	const accountDeletion = createAccountDeletion({
		db,
		users,
		...memberships,
		bookings: scheduling.closing,
		mailQueue
	});
	const payments = createPayments({ db, config, users, mailQueue, now, ...memberships });
	return {
		config,
		db,
		database,
		users,
		sessions,
		auth,
		signup,
		passwords,
		newDevices,
		emailChanges,
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
