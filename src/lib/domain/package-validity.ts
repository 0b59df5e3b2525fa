/**
 * How long a package's sessions stay valid: N days, weeks or months from the purchase or from the
 * first session. Pure calendar arithmetic in UTC, so browser and server agree on every expiry
 * without a time-zone database (a package bought at 23:30 in Tokyo expires at the same instant for
 * both sides, shown in each person's own zone).
 */

export const VALIDITY_UNITS = ['days', 'weeks', 'months'] as const;
export type ValidityUnit = (typeof VALIDITY_UNITS)[number];

export const VALIDITY_STARTS = ['purchase', 'first-session'] as const;
export type ValidityStart = (typeof VALIDITY_STARTS)[number];

export interface PackageValidity {
	readonly amount: number;
	readonly unit: ValidityUnit;
	readonly from: ValidityStart;
}

/** Ten years in each unit: longer is a typo, and no package needs it. */
export const MAX_VALIDITY: Readonly<Record<ValidityUnit, number>> = {
	days: 3650,
	weeks: 520,
	months: 120
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The sentence for a form's validity field, or null when the term is fine (or absent). */
export function validityProblem(validity: PackageValidity | null): string | null {
	if (validity === null) {
		return null;
	}
	if (!VALIDITY_UNITS.includes(validity.unit) || !VALIDITY_STARTS.includes(validity.from)) {
		return 'Choose days, weeks or months, counted from the purchase or the first session.';
	}
	const max = MAX_VALIDITY[validity.unit];
	if (!Number.isInteger(validity.amount) || validity.amount < 1 || validity.amount > max) {
		return `Validity is a whole number of ${validity.unit} from 1 to ${max}.`;
	}
	return null;
}

/**
 * The instant a validity that starts at `start` ends. Months are calendar months and keep the
 * day of the month, clamped to the month's last day (31 January + 1 month = 28 or 29 February).
 */
export function validityEnd(start: number, validity: PackageValidity): number {
	switch (validity.unit) {
		case 'days':
			return start + validity.amount * DAY_MS;
		case 'weeks':
			return start + validity.amount * 7 * DAY_MS;
		case 'months': {
			const date = new Date(start);
			const targetMonth = date.getUTCMonth() + validity.amount;
			const lastDay = new Date(Date.UTC(date.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
			const moved = new Date(start);
			moved.setUTCDate(1);
			moved.setUTCMonth(targetMonth);
			moved.setUTCDate(Math.min(date.getUTCDate(), lastDay));
			return moved.getTime();
		}
	}
}

/** "3 months from purchase", "1 week from the first session". */
export function describeValidity(validity: PackageValidity): string {
	const unit = validity.amount === 1 ? validity.unit.slice(0, -1) : validity.unit;
	const from = validity.from === 'purchase' ? 'purchase' : 'the first session';
	return `${validity.amount} ${unit} from ${from}`;
}
