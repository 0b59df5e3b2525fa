import { escapeHtml } from '../mail/invite-email';
import type { MailMessage } from '../mail/mailer';
import type { BookingChangeKind } from './booking-service';
import type { BookingRecord } from './booking-store';
import { icsCalendar, type IcsEvent } from './ics';
import type { ReminderLead } from './reminder-store';

export type Side = 'coach' | 'client';

const KIND_WORDS = { video: 'Video session', audio: 'Audio session', phone: 'Phone session' };

/** "Mon 30 Mar 2026, 10:00 (Europe/Berlin)": the instant in the reader's zone, zone named. */
export function formatWhen(ms: number, timeZone: string): string {
	const text = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(new Date(ms));
	return `${text} (${timeZone})`;
}

/** The same UID for a booking's whole life; calendars match updates and cancellations by it. */
export function bookingUid(b: Pick<BookingRecord, 'id'>): string {
	return `booking-${b.id}@tandem`;
}

function otherName(b: BookingRecord, side: Side): string {
	return side === 'coach' ? b.clientName : b.coachName;
}

/** For phone sessions both sides see the number (the coach calls the client). */
function phoneLine(b: BookingRecord, side: Side): string | null {
	if (b.kind !== 'phone') {
		return null;
	}
	if (!b.clientPhone) {
		return side === 'coach'
			? `${b.clientName} has not added a phone number yet.`
			: 'Add your phone number to your profile so your coach can call you.';
	}
	return side === 'coach'
		? `Call ${b.clientName} at ${b.clientPhone}.`
		: `Your coach will call you at ${b.clientPhone}.`;
}

/**
 * The calendar event of a booking for one side. With `timeZone` (emails: the reader's zone) the
 * description names the time there too, for calendars that show the event in another zone.
 */
export function bookingEvent(
	b: BookingRecord,
	side: Side,
	stamp: number,
	appUrl: string | null,
	timeZone: string | null = null
): IcsEvent {
	const summary = `${KIND_WORDS[b.kind]} with ${otherName(b, side)}`;
	const description = [
		timeZone ? `When: ${formatWhen(b.startsAt, timeZone)}` : null,
		phoneLine(b, side),
		appUrl ? `Open Tandem: ${appUrl}` : null
	]
		.filter((line): line is string => line !== null)
		.join('\n');
	return {
		uid: bookingUid(b),
		sequence: b.sequence,
		stamp,
		startsAt: b.startsAt,
		endsAt: b.endsAt,
		summary,
		...(description ? { description } : {}),
		...(appUrl ? { url: appUrl } : {}),
		status: b.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
		organizer: { name: b.coachName, email: b.coachEmail },
		attendees: [{ name: b.clientName, email: b.clientEmail }]
	};
}

const SUBJECTS: Record<BookingChangeKind, string> = {
	made: 'Session booked',
	moved: 'Session moved',
	cancelled: 'Session cancelled'
};

function message(input: {
	to: string;
	name: string;
	subject: string;
	lines: string[];
	ics?: { content: string; method: string };
}): MailMessage {
	const text = [`Hi ${input.name},`, '', ...input.lines, '', 'Tandem'].join('\n');
	const html = `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">
<p>Hi ${escapeHtml(input.name)},</p>
${input.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p>Tandem</p>
</body></html>`;
	return {
		to: input.to,
		subject: input.subject.replace(/\s+/g, ' '),
		text,
		html,
		...(input.ics
			? {
					attachments: [
						{
							filename: 'session.ics',
							content: input.ics.content,
							contentType: `text/calendar; charset=utf-8; method=${input.ics.method}`
						}
					]
				}
			: {})
	};
}

/** Confirmation, change or cancellation for one side, with the .ics that updates their calendar. */
export function bookingEmail(input: {
	booking: BookingRecord;
	change: BookingChangeKind;
	side: Side;
	timeZone: string;
	stamp: number;
	appUrl: string | null;
	/** A move: the time it had, so the reader knows which entry in their diary changed. */
	previousStartsAt?: number;
}): MailMessage {
	const { booking: b, side } = input;
	const method = input.change === 'cancelled' ? 'CANCEL' : 'REQUEST';
	const when = formatWhen(b.startsAt, input.timeZone);
	const subject = `${SUBJECTS[input.change]}: ${when}`;
	const what = `${KIND_WORDS[b.kind]} with ${otherName(b, side)}`;
	const lines = [
		input.change === 'cancelled'
			? `${what} on ${when} is cancelled.`
			: input.change === 'moved' && input.previousStartsAt !== undefined
				? `${what} is moved from ${formatWhen(input.previousStartsAt, input.timeZone)} to ${when}.`
				: `${what}: ${when}.`,
		...(input.change === 'cancelled'
			? []
			: [phoneLine(b, side)].filter((l): l is string => l !== null)),
		input.change === 'cancelled'
			? 'The attached calendar file removes it from your calendar.'
			: 'The attached calendar file adds it to your calendar (and updates it if it changes).'
	];
	const event = bookingEvent(b, side, input.stamp, input.appUrl, input.timeZone);
	const content = icsCalendar([event], { method });
	return message({
		to: side === 'coach' ? b.coachEmail : b.clientEmail,
		name: side === 'coach' ? b.coachName : b.clientName,
		subject,
		lines,
		ics: { content, method }
	});
}

export function reminderText(
	b: BookingRecord,
	side: Side,
	lead: ReminderLead,
	timeZone: string
): string {
	const inWords = lead === '24h' ? 'tomorrow' : 'in one hour';
	return `${KIND_WORDS[b.kind]} with ${otherName(b, side)} ${inWords}: ${formatWhen(b.startsAt, timeZone)}`;
}

export function reminderEmail(input: {
	booking: BookingRecord;
	side: Side;
	lead: ReminderLead;
	timeZone: string;
	appUrl: string | null;
}): MailMessage {
	const { booking: b, side } = input;
	const text = reminderText(b, side, input.lead, input.timeZone);
	const lines = [
		`${text}.`,
		phoneLine(b, side),
		input.appUrl ? `Open Tandem: ${input.appUrl}` : null
	];
	return message({
		to: side === 'coach' ? b.coachEmail : b.clientEmail,
		name: side === 'coach' ? b.coachName : b.clientName,
		subject: `Reminder: ${text}`,
		lines: lines.filter((l): l is string => l !== null)
	});
}
