import { getContext, setContext } from 'svelte';
import type { NotificationKind, NotificationTarget } from '../domain/notification-kinds';

/** One notification as `GET /api/notifications` returns it (server data, cached here). */
export interface NotificationItem {
	id: string;
	engagementId: string;
	kind: NotificationKind;
	text: string;
	createdAt: number;
	readAt: number | null;
	/** What a tap opens; absent in lists cached before the server sent it. */
	target?: NotificationTarget | null;
}

interface NotificationList {
	notifications: NotificationItem[];
	unread: number;
}

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
			this.#apply(JSON.parse((event as MessageEvent<string>).data) as NotificationList);
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
		await this.#call('/api/notifications/read', { method: 'POST', body: JSON.stringify(body) });
	}

	async loadSettings(): Promise<void> {
		await this.#settings({ method: 'GET' });
	}

	async setEmailNotifications(on: boolean): Promise<void> {
		this.#emailNotifications = on;
		await this.#settings({ method: 'PUT', body: JSON.stringify({ emailNotifications: on }) });
	}

	async #settings(init: RequestInit): Promise<void> {
		try {
			const response = await this.#fetch('/api/settings', this.#init(init));
			if (response.ok) {
				const body = (await response.json()) as { emailNotifications: boolean };
				this.#emailNotifications = body.emailNotifications;
				this.#error = null;
			} else {
				this.#error = 'Could not save the setting. Try again.';
			}
		} catch {
			this.#error = 'Settings need a connection. Try again when you are online.';
		}
	}

	async #call(path: string, init: RequestInit): Promise<void> {
		try {
			const response = await this.#fetch(path, this.#init(init));
			if (!response.ok) {
				return;
			}
			this.#apply((await response.json()) as NotificationList);
		} catch {
			// Offline: keep showing what this device last knew.
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

	#init(init: RequestInit): RequestInit {
		return init.body ? { ...init, headers: { 'content-type': 'application/json' } } : init;
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
