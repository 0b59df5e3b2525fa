import { json } from '@sveltejs/kit';
import { DEFAULT_IMPORT_LIMITS } from '$lib/server/data-import/read-export-zip';
import { readBytes } from '$lib/server/data-import/read-body';
import { respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** A coach uploads an export zip (application/zip); see docs/own-your-data.md. */
export const POST: RequestHandler = ({ locals, request, url }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const zip = await readBytes(request, DEFAULT_IMPORT_LIMITS.maxZipBytes);
		if (!zip.ok) {
			return zip.error;
		}
		const { dataImport, config } = useServices();
		const report = await dataImport.import(coach.value, zip.value, config.origin ?? url.origin);
		return report.ok ? json(report.value) : report.error;
	});
