import { getContext, setContext } from 'svelte';
import { apiRequest } from '../../api/client';
import { parseWith } from '../../api/parse';
import {
	notificationListSchema,
	settingsSchema,
	type NotificationItem,
	type NotificationList
} from '../../api/notifications';

/** Only while the live stream is down (a browser or proxy without server-sent events). */
const POLL_MS = 30_000;
const cacheKey = (userId: string) => `tandem.notifications:${userId}`;

function loadCache(userId: string): NotificationList | null {
	try {
		const value = JSON.parse(localStorage.getItem(cacheKey(userId)) ?? 'null') as unknown;
		const list = value as NotificationList | null;
		return list && Array.isArray(list.notifications) ? list : null;
	} catch {
		return null;
	}
}

/**
 * The signed-in user's notifications. They are server data (the server decides what was
 * notified, once): pushed live over `GET /api/notifications/stream` (server-sent events; the
 * browser reconnects by itself), fetched on focus and when the network returns, polled every
 * 30 s only while the stream is down, and kept on this device so the bell and list still show
 * the last known state offline.
 *
 *     const notifications = setNotifications(new Notifications(user.id));
 *     onDestroy(notifications.start());
 */
export class Notifications {
	#userId: string;
	#fetch: typeof globalThis.fetch;
	#list = $state<NotificationList>({ notifications: [], unread: 0 });
	#emailNotifications = $state<boolean | null>(null);
	#error = $state<string | null>(null);
	#live = $state(false);
	/** Conversations on screen now (engagement id → how many views show it); nothing renders it. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#viewing = new Map<string, number>();

	constructor(userId: string, fetch: typeof globalThis.fetch = (...a) => globalThis.fetch(...a)) {
		this.#userId = userId;
		this.#fetch = fetch;
		this.#list = loadCache(userId) ?? this.#list;
	}

	get items(): readonly NotificationItem[] {
		return this.#list.notifications;
	}

	get unread(): number {
		return this.#list.unread;
	}

	/** The email setting, null until loaded. */
	get emailNotifications(): boolean | null {
		return this.#emailNotifications;
	}

	get error(): string | null {
		return this.#error;
	}

	/** Whether the live stream is connected (changes arrive within a second). */
	get isLive(): boolean {
		return this.#live;
	}

	/** Listens (and polls while it cannot) as long as the tab lives; returns the stop function. */
	start(): () => void {
		void this.refresh();
		let source = this.#listen();
		const refresh = () => void this.refresh();
		const online = () => {
			refresh();
			// A stream the browser gave up on (e.g. it was refused while signed out) starts over.
			if (source?.readyState === EventSource.CLOSED) {
				source = this.#listen();
			}
		};
		const timer = setInterval(() => this.#live || refresh(), POLL_MS);
		// A conversation left open in a background tab is read once the tab is looked at.
		const visible = () => this.#markViewed();
		window.addEventListener('focus', refresh);
		window.addEventListener('online', online);
		document.addEventListener('visibilitychange', visible);
		return () => {
			document.removeEventListener('visibilitychange', visible);
			source?.close();
			this.#live = false;
			clearInterval(timer);
			window.removeEventListener('focus', refresh);
			window.removeEventListener('online', online);
		};
	}

	#listen(): EventSource | null {
		if (typeof EventSource === 'undefined') {
			return null;
		}
		const source = new EventSource('/api/notifications/stream');
		source.addEventListener('open', () => (this.#live = true));
		source.addEventListener('error', () => (this.#live = source.readyState === EventSource.OPEN));
		source.addEventListener('notifications', (event) => {
			const list = parseWith(
				notificationListSchema,
				JSON.parse((event as MessageEvent<string>).data)
			);
			if (list.ok) {
				this.#apply(list.value);
			}
		});
		// The session ended (signed out elsewhere): stop, rather than retry with a dead cookie.
		source.addEventListener('revoked', () => {
			source.close();
			this.#live = false;
		});
		return source;
	}

	async refresh(): Promise<void> {
		await this.#call('/api/notifications', { method: 'GET' });
	}

	/** Marks some (or all) as read; shown at once, sent when the server can be reached. */
	async markRead(ids: readonly string[] | 'all'): Promise<void> {
		const now = Date.now();
		const marks = (item: NotificationItem) => ids === 'all' || ids.includes(item.id);
		const notifications = this.#list.notifications.map((item) =>
			item.readAt === null && marks(item) ? { ...item, readAt: now } : item
		);
		const unread = notifications.filter((item) => item.readAt === null).length;
		this.#list = { notifications, unread: Math.min(this.#list.unread, unread) };
		const body = ids === 'all' ? { all: true } : { ids };
		await this.#call('/api/notifications/read', { method: 'POST', body });
	}

	async loadSettings(): Promise<void> {
		await this.#settings({ method: 'GET' });
	}

	async setEmailNotifications(on: boolean): Promise<void> {
		this.#emailNotifications = on;
		await this.#settings({ method: 'PUT', body: { emailNotifications: on } });
	}

	async #settings(request: { method: 'GET' | 'PUT'; body?: unknown }): Promise<void> {
		const saved = await apiRequest('/api/settings', {
			...request,
			schema: settingsSchema,
			fetch: this.#fetch
		});
		if (saved.ok) {
			this.#emailNotifications = saved.data.emailNotifications;
			this.#error = null;
		} else {
			this.#error = saved.offline
				? 'Settings need a connection. Try again when you are online.'
				: 'Could not save the setting. Try again.';
		}
	}

	/** Offline or refused: keep showing what this device last knew. */
	async #call(path: string, request: { method: 'GET' | 'POST'; body?: unknown }): Promise<void> {
		const list = await apiRequest(path, {
			...request,
			schema: notificationListSchema,
			fetch: this.#fetch
		});
		if (list.ok) {
			this.#apply(list.data);
		}
	}

	#apply(list: NotificationList): void {
		this.#list = list;
		localStorage.setItem(cacheKey(this.#userId), JSON.stringify(list));
		this.#markViewed();
	}

	/**
	 * While a conversation is on screen its "New message…" notifications are read: those there
	 * now and those that arrive while it stays open. Returns the function that ends the view.
	 */
	viewConversation(engagementId: string): () => void {
		this.#viewing.set(engagementId, (this.#viewing.get(engagementId) ?? 0) + 1);
		this.#markViewed();
		let open = true;
		return () => {
			if (open) {
				open = false;
				const left = (this.#viewing.get(engagementId) ?? 1) - 1;
				if (left > 0) {
					this.#viewing.set(engagementId, left);
				} else {
					this.#viewing.delete(engagementId);
				}
			}
		};
	}

	#markViewed(): void {
		if (this.#viewing.size === 0 || document.visibilityState === 'hidden') {
			return;
		}
		const ids = this.#list.notifications
			.filter((n) => n.kind === 'message' && n.readAt === null && this.#viewing.has(n.engagementId))
			.map((n) => n.id);
		if (ids.length > 0) {
			void this.markRead(ids);
		}
	}
}

const KEY = Symbol('tandem.notifications');

export function setNotifications(notifications: Notifications): Notifications {
	setContext(KEY, notifications);
	return notifications;
}

/** The notifications of the signed-in layout, or null outside it. */
export function findNotifications(): Notifications | null {
	return getContext<Notifications | undefined>(KEY) ?? null;
}

/** The notifications set by the signed-in layout; throws when used outside it. */
export function useNotifications(): Notifications {
	const notifications = getContext<Notifications | undefined>(KEY);
	if (!notifications) {
		throw new Error('useNotifications() needs setNotifications() in the signed-in layout');
	}
	return notifications;
}
