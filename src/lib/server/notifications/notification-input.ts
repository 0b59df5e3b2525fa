import {
	MAX_EVENT_ID_LENGTH,
	NOTIFICATION_KINDS,
	isNotificationKind,
	type NotificationKind
} from '../../domain/notification-kinds';
import { err, ok, type Result } from '../errors';

export interface EventInput {
	engagementId: string;
	kind: NotificationKind;
	eventId: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (value: unknown, max: number): value is string =>
	typeof value === 'string' && value.length > 0 && value.length <= max;

/** Body of POST /api/events. */
export function parseEvent(body: unknown): Result<EventInput> {
	if (!isRecord(body)) {
		return err('invalid-input', 'Send a JSON object { engagementId, kind, eventId }.');
	}
	const { engagementId, kind, eventId } = body;
	if (!isId(engagementId, 100)) {
		return err('invalid-input', 'engagementId is required.');
	}
	if (!isNotificationKind(kind)) {
		return err('invalid-input', `kind must be one of: ${NOTIFICATION_KINDS.join(', ')}.`);
	}
	if (!isId(eventId, MAX_EVENT_ID_LENGTH)) {
		return err('invalid-input', `eventId must be 1 to ${MAX_EVENT_ID_LENGTH} characters.`);
	}
	return ok({ engagementId, kind, eventId });
}

/** Body of POST /api/notifications/read: `{ ids: string[] }` or `{ all: true }`. */
export function parseRead(body: unknown): Result<{ ids: string[] | null }> {
	if (isRecord(body) && body.all === true) {
		return ok({ ids: null });
	}
	if (
		isRecord(body) &&
		Array.isArray(body.ids) &&
		body.ids.length <= 500 &&
		body.ids.every((id) => isId(id, 100))
	) {
		return ok({ ids: body.ids as string[] });
	}
	return err('invalid-input', 'Send { "ids": ["…"] } or { "all": true }.');
}

/** Body of PUT /api/settings. */
export function parseSettings(body: unknown): Result<{ emailNotifications: boolean }> {
	if (isRecord(body) && typeof body.emailNotifications === 'boolean') {
		return ok({ emailNotifications: body.emailNotifications });
	}
	return err('invalid-input', 'emailNotifications must be true or false.');
}
