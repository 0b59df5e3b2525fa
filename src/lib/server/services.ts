import type { AccountDeletionService } from './account-deletion/account-deletion-service';
import type { AuthService } from './auth/auth-service';
import type { EmailChangeService } from './auth/email-change-service';
import type { NewDeviceNotices } from './auth/new-device-notices';
import type { PasswordService } from './auth/password-service';
import type { SignupService } from './auth/signup-service';
import type { SessionStore } from './auth/session-store';
import type { CallService } from './calls/call-service';
import type { ServerConfig } from './config';
import type { ImportService } from './data-import/import-service';
import type { AppDatabase } from './database/app-database';
import type { Db } from './db';
import type { Idempotency } from './idempotency/idempotency';
import type { MailQueue } from './mail-queue/mail-queue';
import type { MembershipServices } from './memberships/create-memberships';
import type { NotificationService } from './notifications/notification-service';
import type { PaymentServices } from './payments/create-payments';
import type { PhoneService } from './phone/phone-service';
import type { SchedulingServices } from './scheduling/create-scheduling';
import type { UserTimeZones } from './scheduling/user-time-zone';
import type { UserStore } from './users';

/**
 * The server's long-lived objects. The composition root (server/index.ts, or the Vite plugin in
 * dev) builds them once and provides them here; SvelteKit code reads them with useServices().
 * A globalThis slot rather than a module variable because the SvelteKit bundle and the entry
 * load this file as two separate module instances.
 */
export interface Services extends MembershipServices {
	config: ServerConfig;
	db: Db;
	/** The app's tables through the typed async query layer (SQLite or PostgreSQL). */
	database: AppDatabase;
	users: UserStore;
	sessions: SessionStore;
	auth: AuthService;
	signup: SignupService;
	passwords: PasswordService;
	newDevices: NewDeviceNotices;
	emailChanges: EmailChangeService;
	/** The user's own phone number (GET/PUT /api/me/phone). */
	phones: PhoneService;
	/** The zone the user's browser reports (PUT /api/me/time-zone). */
	timeZones: UserTimeZones;
	idempotency: Idempotency;
	/** Durable email (notification emails); started once the server listens. */
	mailQueue: MailQueue;
	notifications: NotificationService;
	scheduling: SchedulingServices;
	dataImport: ImportService;
	accountDeletion: AccountDeletionService;
	calls: CallService;
	payments: PaymentServices;
}

const SLOT = Symbol.for('tandem.services');
type Slot = { [SLOT]?: Services };

export function provideServices(services: Services | undefined): void {
	(globalThis as Slot)[SLOT] = services;
}

export function useServices(): Services {
	const services = (globalThis as Slot)[SLOT];
	if (!services) {
		throw new Error(
			'Tandem services are not set up: run the app with `npm start` or `npm run dev`, not a bare adapter-node build.'
		);
	}
	return services;
}
