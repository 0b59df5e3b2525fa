/**
 * The import half of the HTTP contract: `POST /api/import` takes a coach export (application/zip)
 * and answers with this report; see docs/own-your-data.md.
 */

/** What became of one engagement of the export. */
export interface ImportedEngagement {
	sourceId: string;
	engagementId: string | null;
	email: string;
	/**
	 * pending: a new invitation was sent; existing: imported before (or already this coach's
	 * client), nothing new created; ended: kept as an ended record, nobody emailed; failed: see
	 * `message` (e.g. packages cannot be assigned right now).
	 */
	status: 'pending' | 'existing' | 'ended' | 'failed';
	message?: string;
}

/** What became of the coach's catalogue and availability (the manifest's `practice`). */
export interface ImportedPractice {
	/** Packages added to the catalogue; one with the name of a current package is left alone. */
	packagesCreated: number;
	/**
	 * imported: saved as this coach's availability; kept: this coach already has open hours here,
	 * which win; absent: the export carries none (older, or made offline).
	 */
	availability: 'imported' | 'kept' | 'absent';
	/** Why a package or the availability was not taken, one sentence each. */
	problems: string[];
}

export interface ImportReport {
	engagements: ImportedEngagement[];
	/** Private notes whose engagement id was pointed at the new engagement. */
	remappedNotes: number;
	practice: ImportedPractice;
}
