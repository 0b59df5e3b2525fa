import { DEFAULT_IMPORT_LIMITS } from '$lib/server/data-import/read-export-zip';
import { readBytes } from '$lib/server/data-import/read-body';
import { endpoint, sendResult } from '$lib/server/endpoint';

/** A coach uploads an export zip (application/zip); see docs/own-your-data.md. */
export const POST = endpoint({
	role: 'coach',
	handle: async ({ caller, event, services }) => {
		const zip = await readBytes(event.request, DEFAULT_IMPORT_LIMITS.maxZipBytes);
		if (!zip.ok) {
			return zip.error;
		}
		const origin = services.config.origin ?? event.url.origin;
		return sendResult(
			await services.dataImport.import(caller.user, zip.value, origin),
			(report) => report
		);
	}
});
