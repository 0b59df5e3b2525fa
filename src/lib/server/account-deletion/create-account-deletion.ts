import type { AppDatabase } from '../database/app-database';
import type { DocWriter } from '../doc-writer';
import type { MembershipService } from '../memberships/membership-service';
import type { UserStore } from '../users';
import type { MailQueue } from '../mail-queue/mail-queue';
import { AccountDeletionService, type AccountBookings } from './account-deletion-service';
import { DeletionStore } from './deletion-store';

export function createAccountDeletion(deps: {
	database: AppDatabase;
	users: UserStore;
	memberships: MembershipService;
	docWriter: DocWriter;
	bookings?: AccountBookings;
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick' | 'onSettled'>;
	log?: (line: string) => void;
}): AccountDeletionService {
	return new AccountDeletionService({ ...deps, store: new DeletionStore(deps.database) });
}
