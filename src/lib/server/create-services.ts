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
import { openAppDatabase } from './database/app-database';
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
import { PhoneService } from './phone/phone-service';
import { clockFromEnv } from './scheduling/clock';
import { createScheduling } from './scheduling/create-scheduling';
import { UserTimeZones } from './scheduling/user-time-zone';
import type { Services } from './services';
import { SqliteUserLookup, UserStore } from './users';

/** Opens the database and wires every service over it; `services.database.close()` ends it. */
export async function createServices(config: ServerConfig): Promise<Services> {
	const database = await openAppDatabase({ dataDir: config.dataDir });
	// The raw handle of the same file, for the stores not yet on the query layer (issue 14) and
	// the engine-specific client-owner store of the sync hot path.
	const db = database.sqlite!;
	const users = new UserStore(database);
	const sessions = new SessionStore(database);
	// Notifications and payments still read users inside SQLite transactions (see SqliteUserLookup).
	const userLookup = new SqliteUserLookup(db);
	const auth = new AuthService({ users, sessions });
	const memberships = createMembershipServices({
		db,
		database,
		users,
		auth,
		config,
		emailLimits: emailLimitsFromEnv(process.env)
	});
	const idempotency = new Idempotency(new IdempotencyStore(database));
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
		database,
		users,
		auth,
		mailQueue,
		mailerKind: memberships.mailer.kind
	});
	const passwords = new PasswordService({
		database,
		users,
		sessions,
		auth,
		mailQueue,
		mailerKind: memberships.mailer.kind
	});
	const newDevices = new NewDeviceNotices({ database, mailQueue });
	const emailChanges = new EmailChangeService({ database, users, mailQueue });
	const phones = new PhoneService(database);
	const timeZones = new UserTimeZones(db);
	const notifications = createNotifications({
		db,
		database,
		...memberships,
		users: userLookup,
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
		database,
		users,
		...memberships,
		bookings: scheduling.closing,
		mailQueue
	});
	const payments = createPayments({
		db,
		config,
		mailQueue,
		now,
		...memberships,
		users: userLookup
	});
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
		phones,
		timeZones,
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
