import { loadAvailability, saveAvailability } from './scheduling-request';
import { viewerZone } from './time';
import { hasFieldErrors, type FieldErrors } from '../../domain/field-errors';
import { intervalsProblem, isIsoDate } from '../../domain/scheduling';
import {
	availabilityNumberErrors,
	type AvailabilityNumberField
} from '../../domain/scheduling-availability';
import { WEEKDAYS, type Availability } from './types';

/**
 * Why a draft cannot be saved, in words for the coach, or null. The same rules as the server's
 * (`src/lib/domain/scheduling.ts`), checked here so a mistake is named before the round trip.
 */
export function availabilityProblem(value: Availability): string | null {
	for (const day of WEEKDAYS) {
		const problem = intervalsProblem(value.weekly[day]);
		if (problem) {
			return problem;
		}
	}
	for (const override of value.overrides) {
		if (!isIsoDate(override.date)) {
			return 'Pick a date for every date override.';
		}
		const problem = intervalsProblem(override.intervals);
		if (problem) {
			return problem;
		}
	}
	// The booking rules are marked on their own fields (availabilityNumberErrors).
	return null;
}

function markedFields(errors: FieldErrors): string {
	const count = Object.keys(errors).length;
	return count === 1 ? 'Fix the marked booking rule.' : `Fix the ${count} marked booking rules.`;
}

/** Nothing set up yet: no hours on any day, no overrides, the server's default zone. */
function isUnset(value: Availability): boolean {
	return (
		value.timeZone === 'UTC' &&
		value.overrides.length === 0 &&
		WEEKDAYS.every((day) => value.weekly[day].length === 0)
	);
}

/**
 * The coach's availability as the server keeps it. Editing works on a copy (`draft`), so a
 * failed save leaves the coach's edits in place to retry.
 *
 *     const settings = new AvailabilitySettings();
 *     await settings.load();
 *     settings.draft.weekly.mon.push({ start: '18:00', end: '20:00' });
 *     await settings.save();
 */
export class AvailabilitySettings {
	#draft = $state<Availability | null>(null);
	#problem = $state<string | null>(null);
	#fieldErrors = $state<FieldErrors<AvailabilityNumberField>>({});
	#saved = $state(false);
	#busy = $state(false);

	/** Null until loaded (or while offline with nothing loaded). */
	get draft(): Availability | null {
		return this.#draft;
	}

	get problem(): string | null {
		return this.#problem;
	}

	/** Each booking rule that is out of range, with its message (the server's words too). */
	get fieldErrors(): FieldErrors<AvailabilityNumberField> {
		return this.#fieldErrors;
	}

	/** True after a save until the next edit-and-save. */
	get saved(): boolean {
		return this.#saved;
	}

	get busy(): boolean {
		return this.#busy;
	}

	async load(): Promise<void> {
		const result = await loadAvailability();
		if (!result.ok) {
			this.#problem = result.message;
			return;
		}
		this.#problem = null;
		const saved = result.data.availability;
		// The server answers a coach who never saved with no hours in UTC; their zone is more
		// likely this browser's, so the editor starts there.
		this.#draft = isUnset(saved) ? { ...saved, timeZone: viewerZone() } : saved;
	}

	async save(): Promise<boolean> {
		if (!this.#draft) {
			return false;
		}
		const value = $state.snapshot(this.#draft);
		this.#fieldErrors = availabilityNumberErrors(value);
		this.#problem = hasFieldErrors(this.#fieldErrors)
			? markedFields(this.#fieldErrors)
			: availabilityProblem(value);
		this.#saved = false;
		if (this.#problem) {
			return false;
		}
		this.#busy = true;
		const result = await saveAvailability(value);
		this.#busy = false;
		this.#fieldErrors = result.ok ? {} : (result.fields ?? {});
		this.#problem = result.ok
			? null
			: hasFieldErrors(this.#fieldErrors)
				? markedFields(this.#fieldErrors)
				: result.message;
		this.#saved = result.ok;
		return result.ok;
	}
}
