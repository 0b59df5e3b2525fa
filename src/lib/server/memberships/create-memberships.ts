import type { AuthService } from '../auth/auth-service';
import type { ServerConfig } from '../config';
import type { AppDatabase } from '../database/app-database';
import type { Db } from '../db';
import { ImportMappingStore } from '../data-import/import-mapping-store';
import { DocWriterSlot } from '../doc-writer';
import { createMailer } from '../mail/create-mailer';
import { EmailAllowance, type EmailAllowanceLimits } from '../mail/email-allowance';
import type { Mailer } from '../mail/mailer';
import { PackageAssignment } from '../packages/package-assignment';
import { PackageService } from '../packages/package-service';
import { PackageStore } from '../packages/package-store';
import { ProfileService } from '../profile/profile-service';
import { ProfileStore } from '../profile/profile-store';
import type { UserStore } from '../users';
import { EngagementStore } from './engagement-store';
import { InviteAcceptance } from './invite-acceptance';
import { InviteService } from './invite-service';
import { InviteStore } from './invite-store';
import { MembershipService } from './membership-service';
import { SyncTokenStore } from './sync-token-store';

export interface MembershipServices {
	mailer: Mailer;
	/** Emails one account may cause per hour (invitations, notifications); see EmailAllowance. */
	emailAllowance: EmailAllowance;
	packages: PackageService;
	packageAssignment: PackageAssignment;
	profiles: ProfileService;
	/** Bound to the sync server by the composition root once it runs; see DocWriterSlot. */
	docWriter: DocWriterSlot;
	memberships: MembershipService;
	invites: InviteService;
	inviteAcceptance: InviteAcceptance;
	syncTokens: SyncTokenStore;
}

/** Wires the membership stores and services over one database; `mailer` may be swapped in tests. */
export function createMembershipServices(deps: {
	database: AppDatabase;
	db: Db;
	users: UserStore;
	auth: AuthService;
	config: Pick<ServerConfig, 'smtpUrl' | 'dataDir' | 'mailFrom'>;
	mailer?: Mailer;
	docWriter?: DocWriterSlot;
	emailLimits?: Partial<EmailAllowanceLimits>;
	now?: () => number;
}): MembershipServices {
	const { db, database, users, auth, now } = deps;
	const mailer = deps.mailer ?? createMailer(deps.config);
	const docWriter = deps.docWriter ?? new DocWriterSlot();
	const emailAllowance = new EmailAllowance(deps.database, deps.emailLimits, now);
	const engagements = new EngagementStore(db, now);
	const inviteStore = new InviteStore(db, now);
	const packages = new PackageService(new PackageStore(db, now));
	const packageAssignment = new PackageAssignment({ packages, engagements, docWriter, now });
	const profiles = new ProfileService({ database, store: new ProfileStore(db), users, now });
	const memberships = new MembershipService({
		engagements,
		invites: inviteStore,
		users,
		profiles,
		aliases: new ImportMappingStore(db)
	});
	const invites = new InviteService({
		db,
		users,
		invites: inviteStore,
		engagements,
		packages,
		assignment: packageAssignment,
		memberships,
		mailer,
		allowance: emailAllowance,
		now
	});
	const inviteAcceptance = new InviteAcceptance({
		database,
		users,
		invites: inviteStore,
		engagements,
		inviteService: invites,
		auth
	});
	const syncTokens = new SyncTokenStore(database, now);
	return {
		mailer,
		emailAllowance,
		packages,
		packageAssignment,
		profiles,
		docWriter,
		memberships,
		invites,
		inviteAcceptance,
		syncTokens
	};
}
