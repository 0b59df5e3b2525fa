import {
	expect,
	type BrowserContext,
	type Locator,
	type Page,
	type WebSocketRoute
} from '@playwright/test';

export type Outcome = 'Completed' | 'No-show' | 'Technical failure';

/** Gives the practice's client a package of `sessions` through the real API (no UI needed). */
export async function assignPackage(
	coach: BrowserContext,
	engagementId: string,
	options: { sessions: number; noShowConsumes?: boolean }
): Promise<void> {
	const created = await coach.request.post('/api/packages', {
		data: {
			name: `${options.sessions} sessions`,
			sessionsTotal: options.sessions,
			sessionMinutes: 45,
			priceCents: 30000,
			currency: 'EUR',
			noShowConsumesSession: options.noShowConsumes ?? false
		}
	});
	expect(created.status()).toBe(201);
	const { package: pkg } = (await created.json()) as { package: { id: string } };
	const assigned = await coach.request.post(`/api/engagements/${engagementId}/package`, {
		data: { packageId: pkg.id }
	});
	expect(assigned.status(), await assigned.text()).toBe(200);
}

/** The fields the add and correct forms share. */
class SessionFormModel {
	readonly kind: Locator;
	readonly date: Locator;
	readonly time: Locator;
	readonly minutes: Locator;
	readonly note: Locator;

	constructor(readonly scope: Locator) {
		this.kind = scope.getByLabel('Kind');
		this.date = scope.getByLabel('Date');
		this.time = scope.getByLabel('Start time');
		this.minutes = scope.getByLabel('Length (minutes)');
		this.note = scope.getByLabel('Note');
	}

	outcome(outcome: Outcome): Locator {
		return this.scope.getByRole('radio', { name: new RegExp(`^${outcome}`) });
	}
}

/** The Sessions tab of the coach's client page. */
export class CoachSessionsTab {
	readonly panel: Locator;
	readonly add: Locator;
	readonly remaining: Locator;
	readonly entries: Locator;
	readonly notice: Locator;

	constructor(
		readonly page: Page,
		clientName: string
	) {
		this.panel = page.getByRole('tabpanel');
		this.add = this.panel.getByRole('button', { name: 'Add session' });
		this.remaining = this.panel.locator('.remaining');
		this.entries = this.panel
			.getByRole('list', { name: `Sessions with ${clientName}` })
			.locator(':scope > li');
		this.notice = this.panel.getByRole('status').filter({ hasText: /saved/ });
	}

	async open(): Promise<void> {
		await this.page.getByRole('tab', { name: 'Sessions' }).click();
		await expect(this.add).toBeVisible({ timeout: 15_000 });
	}

	form(heading: 'Add a session' | 'Correct this session' | RegExp): SessionFormModel {
		return new SessionFormModel(this.panel.getByRole('region', { name: heading }));
	}

	/** "Booked sessions waiting for an outcome": one item per booking that started. */
	get awaiting(): Locator {
		return this.panel
			.getByRole('region', { name: 'Booked sessions waiting for an outcome' })
			.getByRole('listitem');
	}

	/** Records what happened to the first booked session waiting for it. */
	async recordOutcome(outcome: Outcome, note = ''): Promise<void> {
		await this.awaiting
			.first()
			.getByRole('button', { name: /^Record outcome/ })
			.click();
		const form = this.form(/^Record the outcome of the session booked for/);
		await form.outcome(outcome).check();
		await form.note.fill(note);
		await form.scope.getByRole('button', { name: 'Save outcome' }).click();
		await expect(this.notice).toHaveText('Session saved.');
	}

	async addSession(input: {
		kind?: 'Video call' | 'Audio call' | 'Phone';
		date: string;
		time: string;
		minutes?: number;
		outcome: Outcome;
		note?: string;
	}): Promise<void> {
		await this.add.click();
		const form = this.form('Add a session');
		if (input.kind) {
			await form.kind.selectOption({ label: input.kind });
		}
		await form.date.fill(input.date);
		await form.time.fill(input.time);
		await form.minutes.fill(String(input.minutes ?? 45));
		await form.outcome(input.outcome).check();
		await form.note.fill(input.note ?? '');
		await form.scope.getByRole('button', { name: 'Save session' }).click();
		await expect(this.notice).toHaveText('Session saved.');
	}

	async correct(entry: Locator, outcome: Outcome): Promise<void> {
		await entry.getByRole('button', { name: /^Correct/ }).click();
		const form = this.form('Correct this session');
		await form.outcome(outcome).check();
		await form.scope.getByRole('button', { name: 'Save correction' }).click();
		await expect(this.notice).toContainText('Correction saved');
	}
}

/** /client/sessions: the client's read-only ledger. */
export class ClientSessionsPage {
	readonly remaining: Locator;
	readonly entries: Locator;

	constructor(readonly page: Page) {
		this.remaining = page.locator('.remaining');
		this.entries = page.getByRole('list', { name: 'Your sessions' }).locator(':scope > li');
	}

	async goto(): Promise<void> {
		await this.page.goto('/client/sessions');
		await expect(this.page.getByRole('heading', { name: 'Your sessions', level: 1 })).toBeVisible();
	}
}

/**
 * Takes a browser context truly offline. `context.setOffline` fails HTTP but leaves open
 * websockets delivering (microsoft/playwright#4910), so the sync socket is routed through
 * Playwright too: going offline closes it and refuses new ones until `online()`.
 */
export class NetworkSwitch {
	#offline = false;
	readonly #open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();

	private constructor(readonly context: BrowserContext) {}

	/** Install before the first page opens, so every sync socket goes through the switch. */
	static async install(context: BrowserContext): Promise<NetworkSwitch> {
		const network = new NetworkSwitch(context);
		await context.routeWebSocket(/\/sync\//, (ws) => network.#route(ws));
		return network;
	}

	#route(ws: WebSocketRoute): void {
		if (this.#offline) {
			void ws.close({ code: 1001, reason: 'offline' });
			return;
		}
		// No onClose handlers: they would turn off Playwright's forwarding of a close to the other side.
		this.#open.add({ page: ws, server: ws.connectToServer() });
	}

	async offline(): Promise<void> {
		this.#offline = true;
		await this.context.setOffline(true);
		const open = [...this.#open];
		this.#open.clear();
		// Sockets the page already closed are among them; closing those again is harmless.
		await Promise.all(
			open.flatMap(({ page, server }) => [
				page.close({ code: 1001, reason: 'offline' }).catch(() => undefined),
				server.close({ code: 1001, reason: 'offline' }).catch(() => undefined)
			])
		);
	}

	async online(): Promise<void> {
		this.#offline = false;
		await this.context.setOffline(false);
	}
}
