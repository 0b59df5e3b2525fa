import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { AppHeader, LoginPage, SignupPage } from './pages/auth-pages';

const password = 'correct-horse-9';
const uniqueEmail = () =>
	`coach-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

test('a coach signs up, signs out, and signs back in', async ({ page }) => {
	const email = uniqueEmail();
	const signup = new SignupPage(page);
	await signup.goto();
	await expectNoA11yViolations(page);
	await signup.signUpAndConfirm({ name: 'Carla Coach', email, password });

	await expect(page).toHaveURL(/\/coach$/);
	await expect(page.getByRole('heading', { name: 'Welcome, Carla Coach' })).toBeVisible();
	await expectNoA11yViolations(page);

	await new AppHeader(page).signOut.click();
	const login = new LoginPage(page);
	await expect(login.heading).toBeVisible();
	await expect(login.status).toHaveText('You have signed out.');
	await page.goto('/coach');
	await expect(login.heading).toBeVisible();

	await login.signIn(email.toUpperCase(), password);
	// Signing in returns to the page that asked for it.
	await expect(page).toHaveURL(/\/coach$/);
	await expect(page.getByRole('heading', { name: 'Welcome, Carla Coach' })).toBeVisible();
});

test('a wrong password shows a clear message and keeps the email', async ({ page }) => {
	const email = uniqueEmail();
	await new SignupPage(page).goto();
	await new SignupPage(page).signUpAndConfirm({ name: 'Wendy', email, password });
	await new AppHeader(page).signOut.click();

	const login = new LoginPage(page);
	await login.signIn(email, 'not-the-password');
	await expect(login.alert).toHaveText('That email and password do not match.');
	await expect(login.email).toHaveValue(email);
	await expectNoA11yViolations(page);
});

test('sign-up answers a taken email like a new one (check your email) and explains a short password', async ({
	page
}) => {
	const email = uniqueEmail();
	const signup = new SignupPage(page);
	await signup.goto();
	await signup.signUpAndConfirm({ name: 'First', email, password });
	await new AppHeader(page).signOut.click();

	// Nothing on the page tells whether the address has an account: only its owner's inbox does.
	const answerFor = async (address: string) => {
		await signup.goto();
		await signup.signUp({ name: 'Second', email: address, password });
		await expect(signup.checkEmail).toBeVisible();
		return (await page.getByRole('main').innerText()).replace(address, '<address>');
	};
	expect(await answerFor(email)).toBe(await answerFor(uniqueEmail()));
	await expectNoA11yViolations(page);

	await signup.goto();
	// Bypass the browser's own minlength check to see the server's message.
	await signup.password.evaluate((el) => el.removeAttribute('minlength'));
	await signup.signUp({ name: 'Third', email: uniqueEmail(), password: 'short' });
	await expect(signup.alert).toContainText('at least 8 characters');
});

test('the landing and sign-in pages have no accessibility violations', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoA11yViolations(page);
	await new LoginPage(page).goto();
	await expectNoA11yViolations(page);
});

test('sign-up and sign-in forms work without JavaScript (progressive enhancement)', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const email = uniqueEmail();
	const signup = new SignupPage(page);
	await signup.goto();
	await signup.signUpAndConfirm({ name: 'No Script', email, password });
	// The forms post and redirect on their own; the app behind them is a client-rendered PWA.
	await expect(page).toHaveURL(/\/coach$/);
	expect((await context.cookies()).some((c) => c.name === 'tandem_session' && c.httpOnly)).toBe(
		true
	);

	await context.clearCookies();
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(email, 'wrong-password');
	await expect(login.alert).toHaveText('That email and password do not match.');
	await login.signIn(email, password);
	await expect(page).toHaveURL(/\/coach$/);
	await context.close();
});

test('the signed-in areas are guarded in the browser by role', async ({ page }) => {
	await page.goto('/client');
	await expect(new LoginPage(page).heading).toBeVisible();
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fclient$/);

	await new SignupPage(page).goto();
	await new SignupPage(page).signUpAndConfirm({
		name: 'Role Check',
		email: uniqueEmail(),
		password
	});
	await expect(page).toHaveURL(/\/coach$/);
	await page.goto('/client');
	await expect(page).toHaveURL(/\/coach$/);
});
