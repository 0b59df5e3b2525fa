import { schedulingRequest } from './scheduling-api';
import { viewerZone } from './scheduling-time';
import { emptyAvailability, WEEKDAYS, type Availability, type Interval } from './scheduling-types';

/** Why a draft cannot be saved, in words for the coach, or null. */
export function availabilityProblem(value: Availability): string | null {
	const bad = (list: Interval[]) => list.some((i) => !(i.start < i.end));
	if (
		WEEKDAYS.some((day) => bad(value.weekly[day])) ||
		value.overrides.some((o) => bad(o.intervals))
	) {
		return 'Each time range must end after it starts.';
	}
	if (value.overrides.some((o) => !/^\d{4}-\d{2}-\d{2}$/.test(o.date))) {
		return 'Pick a date for every date override.';
	}
	const numbers = [
		value.bufferMinutes,
		value.minNoticeMinutes,
		value.maxDaysAhead,
		value.cancelNoticeHours
	];
	if (numbers.some((n) => !Number.isInteger(n) || n < 0)) {
		return 'Buffer, notice and days ahead must be whole numbers, zero or more.';
	}
	if (value.maxDaysAhead < 1) {
		return 'Clients must be able to book at least one day ahead.';
	}
	return null;
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
	#saved = $state(false);
	#busy = $state(false);

	/** Null until loaded (or while offline with nothing loaded). */
	get draft(): Availability | null {
		return this.#draft;
	}

	get problem(): string | null {
		return this.#problem;
	}

	/** True after a save until the next edit-and-save. */
	get saved(): boolean {
		return this.#saved;
	}

	get busy(): boolean {
		return this.#busy;
	}

	async load(): Promise<void> {
		const result = await schedulingRequest<{ availability: Availability | null }>(
			'/api/availability'
		);
		if (!result.ok) {
			this.#problem = result.message;
			return;
		}
		this.#problem = null;
		// A coach who never saved gets weekday office hours in the zone of this browser.
		this.#draft = result.data.availability ?? emptyAvailability(viewerZone());
	}

	async save(): Promise<boolean> {
		if (!this.#draft) {
			return false;
		}
		const value = $state.snapshot(this.#draft);
		this.#problem = availabilityProblem(value);
		this.#saved = false;
		if (this.#problem) {
			return false;
		}
		this.#busy = true;
		const result = await schedulingRequest('/api/availability', { method: 'PUT', body: value });
		this.#busy = false;
		this.#problem = result.ok ? null : result.message;
		this.#saved = result.ok;
		return result.ok;
	}
}
