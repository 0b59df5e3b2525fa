import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { LoginPage, SignupPage } from './pages/auth-pages';
import {
	DevicesSection,
	ForgotPasswordPage,
	ResetPasswordPage,
	resetPasswordPath
} from './pages/recovery-pages';

const password = 'correct-horse-9';
const newPassword = 'new-horse-battery-7';
const uniqueEmail = () =>
	`recover-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

test('a forgotten password is reset from the emailed link, which signs the other device out; Settings lists the devices and signs one out', async ({
	browser
}) => {
	const email = uniqueEmail();
	const laptop = await browser.newContext();
	const phone = await browser.newContext();
	const laptopPage = await laptop.newPage();
	const signup = new SignupPage(laptopPage);
	await signup.goto();
	await signup.signUpAndConfirm({ name: 'Rosa Recover', email, password });
	await expect(laptopPage).toHaveURL(/\/coach$/);

	// On another device: the sign-in page links to "Forgot password?".
	const phonePage = await phone.newPage();
	const login = new LoginPage(phonePage);
	await login.goto();
	await phonePage.getByRole('link', { name: 'Forgot password?' }).click();
	const forgot = new ForgotPasswordPage(phonePage);
	await expect(forgot.heading).toBeVisible();
	await expectNoA11yViolations(phonePage);
	await forgot.request(email);

	await phonePage.goto(await resetPasswordPath(email));
	const reset = new ResetPasswordPage(phonePage);
	await expect(reset.heading).toBeVisible();
	await expectNoA11yViolations(phonePage);
	await reset.setPassword(newPassword);
	await expect(phonePage).toHaveURL(/\/coach$/);

	// The laptop's session ended with the reset: its next page asks to sign in.
	expect((await laptop.request.get('/api/me')).status()).toBe(401);
	await laptopPage.goto('/coach');
	const laptopLogin = new LoginPage(laptopPage);
	await expect(laptopLogin.heading).toBeVisible();
	await laptopLogin.signIn(email, newPassword);
	await expect(laptopPage).toHaveURL(/\/coach$/);

	// The phone lists both devices, this one marked, and signs the laptop out.
	await phonePage.goto('/settings');
	const devices = new DevicesSection(phonePage);
	await expect(devices.entries).toHaveCount(2);
	await expect(devices.thisDevice).toHaveCount(1);
	await expect(devices.otherDevices.first()).toContainText('Chrome on Linux');
	await expect(devices.otherDevices.first()).toContainText('last used');
	await expectNoA11yViolations(phonePage);
	await devices.signOutFirstOther();
	await expect(devices.status).toHaveText('Chrome on Linux is signed out.');
	await expect(devices.entries).toHaveCount(1);
	expect((await laptop.request.get('/api/me')).status()).toBe(401);
	expect((await phone.request.get('/api/me')).status()).toBe(200);

	// Settings → Password: the current one is asked for; a wrong one is marked on its field.
	const passwordSection = phonePage.getByRole('region', { name: 'Password' });
	await passwordSection.getByLabel('Current password').fill('not-my-password');
	await passwordSection.getByLabel('New password', { exact: true }).fill('third-horse-staple-5');
	await passwordSection.getByLabel('New password again').fill('third-horse-staple-5');
	await passwordSection.getByRole('button', { name: 'Change password' }).click();
	await expect(passwordSection.getByText('Your current password is not right.')).toBeVisible();
	await expect(passwordSection.getByLabel('New password again')).toHaveValue(
		'third-horse-staple-5'
	);
	await passwordSection.getByLabel('Current password').fill(newPassword);
	await passwordSection.getByRole('button', { name: 'Change password' }).click();
	await expect(passwordSection.getByText('Your password is changed.')).toBeVisible();
	const check = await phone.request.post('/api/auth/login', {
		data: { email, password: 'third-horse-staple-5' }
	});
	expect(check.status()).toBe(200);

	await laptop.close();
	await phone.close();
});
