/** How often a dropped call or signalling connection is retried, and for how long. */
export const MAX_RECONNECT_ATTEMPTS = 8;

/** 1 s, 2 s, 4 s, then every 8 s: quick for a blip, gentle for a long outage. */
export function reconnectDelay(attempt: number): number {
	return Math.min(8_000, 1_000 * 2 ** Math.max(0, attempt));
}

export function mayRetry(attempt: number): boolean {
	return attempt < MAX_RECONNECT_ATTEMPTS;
}
