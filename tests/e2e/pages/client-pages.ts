import { expect, type Locator, type Page } from '@playwright/test';

/** The invitation link's page: create an account, or sign in to an existing one, to accept. */
export class InvitePage {
	readonly heading: Locator;
	readonly name: Locator;
	readonly newPassword: Locator;
	readonly existingPassword: Locator;
	readonly create: Locator;
	readonly signInAndAccept: Locator;
	readonly alert: Locator;
	readonly offlineNotice: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { level: 1 });
		this.name = page.getByLabel('Your name');
		this.newPassword = page.getByLabel('Choose a password');
		this.existingPassword = page.getByLabel('Password', { exact: true });
		this.create = page.getByRole('button', { name: 'Create account and accept' });
		this.signInAndAccept = page.getByRole('button', { name: 'Sign in and accept' });
		this.alert = page.getByRole('alert');
		this.offlineNotice = page.getByRole('status').filter({ hasText: 'needs a connection' });
	}

	/** Opens `/invite/<token>` and returns the HTTP status of the page. */
	async open(linkPath: string): Promise<number> {
		const response = await this.page.goto(linkPath);
		return response?.status() ?? 0;
	}

	async createAccount(options: { name?: string; password: string }): Promise<void> {
		if (options.name !== undefined) {
			await this.name.fill(options.name);
		}
		await this.newPassword.fill(options.password);
		await this.create.click();
	}

	async signIn(password: string): Promise<void> {
		await this.existingPassword.fill(password);
		await this.signInAndAccept.click();
	}
}

/** The short "How Tandem works" step after accepting. */
export class WelcomePage {
	readonly heading: Locator;
	readonly points: Locator;
	readonly continue: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { name: 'How Tandem works' });
		this.points = page.getByRole('listitem');
		this.continue = page.getByRole('link', { name: 'Continue' });
	}
}

/** The client's dashboard at /client. */
export class ClientDashboardPage {
	readonly greeting: Locator;
	readonly coachHeading: Locator;
	readonly coachPhoto: Locator;
	readonly bio: Locator;
	readonly packageSection: Locator;
	readonly sessionsUsed: Locator;
	readonly sessionsRemaining: Locator;
	readonly goalsSection: Locator;
	readonly notesSection: Locator;
	readonly chatLink: Locator;

	constructor(readonly page: Page) {
		this.greeting = page.getByRole('blockquote');
		this.coachHeading = page.locator('#coach-heading');
		this.coachPhoto = page.getByRole('img', { name: /^Photo of / });
		this.bio = page.locator('.bio');
		this.packageSection = page.getByRole('region', { name: 'Your package' });
		this.sessionsUsed = this.packageSection.getByRole('progressbar');
		this.sessionsRemaining = this.packageSection.locator('.remaining');
		this.goalsSection = page.getByRole('region', { name: 'Open goals' });
		this.notesSection = page.getByRole('region', { name: 'Recent shared notes' });
		this.chatLink = page.getByRole('link', { name: /^Message / });
	}

	async goto(): Promise<void> {
		await this.page.goto('/client');
		await expect(this.coachHeading).toBeVisible();
	}
}

/** The coach's profile editor at /coach/profile. */
export class CoachProfilePage {
	readonly name: Locator;
	readonly bio: Locator;
	readonly greeting: Locator;
	readonly photoInput: Locator;
	readonly photo: Locator;
	readonly addLink: Locator;
	readonly save: Locator;
	readonly publishStatus: Locator;

	constructor(readonly page: Page) {
		this.name = page.getByLabel('Name clients see');
		this.bio = page.getByLabel('About you');
		this.greeting = page.getByLabel('Greeting for your clients');
		this.photoInput = page.locator('input[type="file"]');
		this.photo = page.getByRole('img', { name: /^Photo of / });
		this.addLink = page.getByRole('button', { name: 'Add a link' });
		this.save = page.getByRole('button', { name: 'Save profile' });
		this.publishStatus = page.getByRole('status').filter({ hasText: 'Saved on this device' });
	}

	async goto(): Promise<void> {
		await this.page.goto('/coach/profile');
		await expect(this.save).toBeVisible();
	}

	async addLinkRow(label: string, url: string): Promise<void> {
		await this.addLink.click();
		const count = await this.page.getByLabel(/^Link \d+ label$/).count();
		await this.page.getByLabel(`Link ${count} label`).fill(label);
		await this.page.getByLabel(`Link ${count} address`).fill(url);
	}

	/** Picks a large generated PNG, which the page must shrink before storing it. */
	async choosePhoto(width = 1600, height = 1200): Promise<void> {
		const bytes = await this.page.evaluate(
			async ({ w, h }) => {
				const canvas = new OffscreenCanvas(w, h);
				const context = canvas.getContext('2d')!;
				const gradient = context.createLinearGradient(0, 0, w, h);
				gradient.addColorStop(0, '#1f5f5b');
				gradient.addColorStop(1, '#f2c46d');
				context.fillStyle = gradient;
				context.fillRect(0, 0, w, h);
				// Noise, so the picture does not compress to nothing.
				for (let i = 0; i < 4000; i++) {
					context.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
					context.fillRect((i * 97) % w, (i * 53) % h, 12, 12);
				}
				const blob = await canvas.convertToBlob({ type: 'image/png' });
				return [...new Uint8Array(await blob.arrayBuffer())];
			},
			{ w: width, h: height }
		);
		await this.photoInput.setInputFiles({
			name: 'portrait.png',
			mimeType: 'image/png',
			buffer: Buffer.from(bytes)
		});
	}
}
