/** Human labels for times, in the viewer's own time zone and locale. */

const dayFormat = new Intl.DateTimeFormat(undefined, {
	weekday: 'long',
	month: 'long',
	day: 'numeric'
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

function startOfDay(ms: number): number {
	const d = new Date(ms);
	d.setHours(0, 0, 0, 0);
	return d.getTime();
}

export function dayLabel(ms: number, now = Date.now()): string {
	const days = Math.round((startOfDay(now) - startOfDay(ms)) / 86_400_000);
	if (days === 0) {
		return 'Today';
	}
	if (days === 1) {
		return 'Yesterday';
	}
	return dayFormat.format(ms);
}

export function timeLabel(ms: number): string {
	return timeFormat.format(ms);
}

/** Today's calendar date as YYYY-MM-DD in the viewer's zone (goal due dates are plain dates). */
export function todayIso(now = new Date()): string {
	const month = String(now.getMonth() + 1).padStart(2, '0');
	const day = String(now.getDate()).padStart(2, '0');
	return `${now.getFullYear()}-${month}-${day}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});

/** A calendar date with its year ("7 December 2026"), for "Deleted … on <date>". */
export function dateLabel(ms: number): string {
	return dateFormat.format(ms);
}
