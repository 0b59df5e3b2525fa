import type { AuthService } from '../auth/auth-service';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { createMailer } from '../mail/create-mailer';
import type { Mailer } from '../mail/mailer';
import type { UserStore } from '../users';
import { EngagementStore } from './engagement-store';
import { InviteAcceptance } from './invite-acceptance';
import { InviteService } from './invite-service';
import { InviteStore } from './invite-store';
import { MembershipService } from './membership-service';
import { PackageStore } from './package-store';
import { SyncTokenStore } from './sync-token-store';

export interface MembershipServices {
	mailer: Mailer;
	packages: PackageStore;
	memberships: MembershipService;
	invites: InviteService;
	inviteAcceptance: InviteAcceptance;
	syncTokens: SyncTokenStore;
}

/** Wires the membership stores and services over one database; `mailer` may be swapped in tests. */
export function createMembershipServices(deps: {
	db: Db;
	users: UserStore;
	auth: AuthService;
	config: Pick<ServerConfig, 'smtpUrl' | 'dataDir' | 'mailFrom'>;
	mailer?: Mailer;
	now?: () => number;
}): MembershipServices {
	const { db, users, auth, now } = deps;
	const mailer = deps.mailer ?? createMailer(deps.config);
	const engagements = new EngagementStore(db, now);
	const inviteStore = new InviteStore(db, now);
	const packages = new PackageStore(db);
	const memberships = new MembershipService({ engagements, invites: inviteStore, users });
	const invites = new InviteService({
		db,
		users,
		invites: inviteStore,
		engagements,
		packages,
		memberships,
		mailer,
		now
	});
	const inviteAcceptance = new InviteAcceptance({
		db,
		users,
		invites: inviteStore,
		engagements,
		inviteService: invites,
		auth
	});
	const syncTokens = new SyncTokenStore(db, now);
	return { mailer, packages, memberships, invites, inviteAcceptance, syncTokens };
}
