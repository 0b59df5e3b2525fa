/**
 * The wire contract of notifications: the events a browser reports (POST /api/events), the list
 * and its read marks (/api/notifications/**) and the email setting (/api/settings).
 */

import * as v from 'valibot';
import { MAX_EVENT_ID_LENGTH, NOTIFICATION_KINDS } from '../domain/notification-kinds';
import { jsonObject } from './fields';

/** A non-empty id of at most `max` characters; a missing one gets the same sentence. */
const id = (max: number, message: string) =>
	v.optional(v.pipe(v.string(message), v.minLength(1, message), v.maxLength(max, message)), '');

/** POST /api/events: an event this browser caused, checked against its document by the server. */
export const eventInputSchema = jsonObject(
	{
		engagementId: id(100, 'engagementId is required.'),
		// Missing reads as '' so it gets the same sentence as an unknown kind.
		kind: v.optional(
			v.pipe(
				v.unknown(),
				v.picklist(NOTIFICATION_KINDS, `kind must be one of: ${NOTIFICATION_KINDS.join(', ')}.`)
			),
			''
		),
		eventId: id(MAX_EVENT_ID_LENGTH, `eventId must be 1 to ${MAX_EVENT_ID_LENGTH} characters.`)
	},
	'Send a JSON object { engagementId, kind, eventId }.'
);
export type EventInput = v.InferOutput<typeof eventInputSchema>;

const READ_SHAPE = 'Send { "ids": ["…"] } or { "all": true }.';

/**
 * POST /api/notifications/read: `{ ids }` (at most 500, the caller's own; others are ignored)
 * or `{ all: true }`, read as `ids: null`.
 */
export const readInputSchema = v.union(
	[
		v.pipe(
			v.object({ all: v.literal(true, READ_SHAPE) }, READ_SHAPE),
			v.transform(() => ({ ids: null }))
		),
		v.object(
			{
				ids: v.pipe(
					v.array(
						v.pipe(v.string(READ_SHAPE), v.minLength(1, READ_SHAPE), v.maxLength(100, READ_SHAPE)),
						READ_SHAPE
					),
					v.maxLength(500, READ_SHAPE)
				)
			},
			READ_SHAPE
		)
	],
	READ_SHAPE
);
export type ReadInput = v.InferOutput<typeof readInputSchema>;

/** GET and PUT /api/settings. */
export const settingsSchema = v.object(
	{ emailNotifications: v.boolean('emailNotifications must be true or false.') },
	'emailNotifications must be true or false.'
);
export type Settings = v.InferOutput<typeof settingsSchema>;

/** What a tap on a notification opens (domain/notification-kinds.ts, notificationTarget). */
const notificationTargetSchema = v.object({
	kind: v.picklist(['goal', 'note', 'comment', 'message']),
	id: v.string()
});

/** One notification as GET /api/notifications (and its live stream) sends it. */
export const notificationItemSchema = v.object({
	id: v.string(),
	engagementId: v.string(),
	kind: v.picklist(NOTIFICATION_KINDS),
	text: v.string(),
	createdAt: v.number(),
	readAt: v.nullable(v.number()),
	/** What a tap opens; absent in lists a browser cached before the server sent it. */
	target: v.optional(v.nullable(notificationTargetSchema))
});
export type NotificationItem = v.InferOutput<typeof notificationItemSchema>;

/** The latest notifications, newest first, with the unread count. */
export const notificationListSchema = v.object({
	notifications: v.array(notificationItemSchema),
	unread: v.number()
});
export type NotificationList = v.InferOutput<typeof notificationListSchema>;
