import type { Db } from '../db';
import type { DocWriter } from '../doc-writer';
import { EngagementStore } from '../memberships/engagement-store';
import type { InviteService } from '../memberships/invite-service';
import type { PackageService } from '../packages/package-service';
import { AvailabilityStore } from '../scheduling/availability-store';
import type { BookingService } from '../scheduling/booking-service';
import { availabilityOver } from './import-availability';
import { ImportMappingStore } from './import-mapping-store';
import { ImportService } from './import-service';

/** The import service over the app database; its stores are its own views of the same tables. */
export function createDataImport(deps: {
	db: Db;
	invites: InviteService;
	docWriter: DocWriter;
	packages: PackageService;
	/** Default: the availability table, with the checks of the availability form. */
	availability?: Pick<BookingService, 'availability' | 'saveAvailability'>;
}): ImportService {
	return new ImportService({
		db: deps.db,
		engagements: new EngagementStore(deps.db),
		invites: deps.invites,
		mappings: new ImportMappingStore(deps.db),
		docWriter: deps.docWriter,
		packages: deps.packages,
		availability: deps.availability ?? availabilityOver(new AvailabilityStore(deps.db, Date.now))
	});
}
