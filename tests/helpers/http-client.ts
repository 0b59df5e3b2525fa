/**
 * A tiny cookie-keeping fetch wrapper: one instance is one browser-less user agent.
 * Sends the server's own Origin on mutating requests, as a browser on that page would.
 */
export class HttpClient {
	#cookies = new Map<string, string>();
	readonly baseUrl: string;
	origin: string | null;

	constructor(baseUrl: string, options: { origin?: string | null } = {}) {
		this.baseUrl = baseUrl;
		this.origin = options.origin === undefined ? new URL(baseUrl).origin : options.origin;
	}

	get cookieHeader(): string {
		return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	cookie(name: string): string | undefined {
		return this.#cookies.get(name);
	}

	async request(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {}
	) {
		const init: RequestInit = { method, redirect: 'manual', headers: { ...headers } };
		const h = init.headers as Record<string, string>;
		if (this.#cookies.size > 0) {
			h.cookie = this.cookieHeader;
		}
		if (this.origin && method !== 'GET') {
			h.origin = this.origin;
		}
		if (body !== undefined) {
			h['content-type'] ??= 'application/json';
			init.body = typeof body === 'string' ? body : JSON.stringify(body);
		}
		const response = await fetch(new URL(path, this.baseUrl), init);
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair!.indexOf('=');
			const name = pair!.slice(0, eq);
			const value = pair!.slice(eq + 1);
			if (value === '' || /max-age=0/i.test(line)) {
				this.#cookies.delete(name);
			} else {
				this.#cookies.set(name, value);
			}
		}
		return response;
	}

	post(path: string, body?: unknown, headers?: Record<string, string>) {
		return this.request('POST', path, body, headers);
	}

	get(path: string, headers?: Record<string, string>) {
		return this.request('GET', path, undefined, headers);
	}
}
