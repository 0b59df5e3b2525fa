import { mayChangeBooking } from '../../domain/scheduling';
import { loadCopy, saveCopy } from '../clients/request-json';
import { listSlots } from './scheduling-request';
import { todayIn } from './time';

/**
 * The coach's cancellation notice, in the client's words. Only the server enforces it
 * (`too-late`); the screens show it ahead and disable Cancel/Reschedule inside the window, so
 * a client is not surprised by a refusal.
 */
export function noticeText(hours: number): string {
	if (hours <= 0) {
		return 'Changes are possible until a session starts.';
	}
	const span = hours === 1 ? '1 hour' : `${hours} hours`;
	return `Changes are possible up to ${span} before a session; after that, ask your coach.`;
}

/** Inside the notice window (or later): the client can no longer change this session here. */
export function insideNotice(startsAt: number, hours: number, now: number): boolean {
	return !mayChangeBooking({ role: 'client', startsAt, now, cancelNoticeHours: hours });
}

const isHours = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * One engagement's notice hours as the server last said them (the slots answer carries
 * `cancelNoticeHours`), kept on the device so the upcoming list explains itself offline.
 *
 *     const notice = new NoticePolicy('e1');
 *     await notice.refresh(zone); // online: ask; offline: keep the copy
 *     notice.hours; // 24, or null when never known
 */
export class NoticePolicy {
	readonly #engagementId: string;
	readonly #copyKey: string;
	#hours = $state<number | null>(null);

	constructor(engagementId: string) {
		this.#engagementId = engagementId;
		this.#copyKey = `tandem.notice:${engagementId}`;
		this.#hours = loadCopy(this.#copyKey, isHours);
	}

	get hours(): number | null {
		return this.#hours;
	}

	/** Keep what a slots answer said (the booking screen has one anyway). */
	remember(hours: number | null): void {
		if (hours !== null && isHours(hours) && hours !== this.#hours) {
			this.#hours = hours;
			saveCopy(this.#copyKey, hours);
		}
	}

	/** Ask the server (a one-day slot query is the cheapest read that carries it). */
	async refresh(zone: string): Promise<void> {
		const result = await listSlots({
			engagementId: this.#engagementId,
			from: todayIn(zone),
			days: 1,
			zone
		});
		if (result.ok) {
			this.remember(result.data.cancelNoticeHours);
		}
	}
}
