import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { signUpCoach } from './pages/coach-mail';
import { PackagesPage } from './pages/coach-pages';
import type { Locator } from '@playwright/test';

/** A field marked invalid whose accessible description is its own message. */
async function expectMarked(field: Locator, message: RegExp): Promise<void> {
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveAccessibleDescription(message);
}

test('the package form marks every bad field with its own message and keeps what was typed', async ({
	browser,
	ownServer
}) => {
	const coach = await signUpCoach(browser, ownServer);
	const page = await coach.newPage();
	const packages = new PackagesPage(page);
	await packages.goto();
	await page.getByRole('button', { name: 'New package' }).click();
	await packages.fill({ name: '', sessions: 6, minutes: 2, price: 'lots', currency: 'ZZZ' });
	await page.getByRole('button', { name: 'Create package' }).click();

	const form = page.locator('form');
	await expect(form.getByRole('alert')).toHaveText('Fix the 4 marked fields.');
	await expectMarked(form.getByLabel('Package name'), /Give the package a name/);
	await expectMarked(form.getByLabel('Session length (minutes)'), /from 5 to 480/);
	await expectMarked(form.getByLabel('Price'), /Enter the price as an amount/);
	await expectMarked(form.getByLabel('Currency'), /ISO 4217/);
	await expect(form.getByLabel('Number of sessions')).not.toHaveAttribute('aria-invalid', 'true');
	// Nothing typed is lost.
	await expect(form.getByLabel('Price')).toHaveValue('lots');
	await expect(form.getByLabel('Currency')).toHaveValue('ZZZ');
	await expectNoA11yViolations(page);

	await packages.fill({ name: 'Starter', minutes: 60, price: '480', currency: 'chf' });
	await page.getByRole('button', { name: 'Create package' }).click();
	await expect(packages.card('Starter')).toContainText('6 sessions × 60 min');
});

test('availability marks each bad booking rule under its own field, in words', async ({
	browser,
	ownServer
}) => {
	const coach = await signUpCoach(browser, ownServer);
	const page = await coach.newPage();
	await page.goto('/coach/schedule/availability');
	const cancel = page.getByLabel('Clients may cancel or move until (hours before)');
	const ahead = page.getByLabel('Clients may book up to (days ahead)');
	await cancel.fill('-1');
	await ahead.fill('0');
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(page.getByRole('alert')).toHaveText('Fix the 2 marked booking rules.');
	await expectMarked(cancel, /^Cancel or move until: a whole number of hours from 0/);
	await expectMarked(ahead, /^Days ahead: a whole number from 1 to 365/);
	for (const label of ['Buffer between sessions (minutes)', 'Minimum notice (minutes)']) {
		await expect(page.getByLabel(label)).not.toHaveAttribute('aria-invalid', 'true');
	}
	await expect(cancel).toHaveValue('-1');
	await expect(page.getByText(/"maxDaysAhead"/)).toHaveCount(0);
	await expectNoA11yViolations(page);

	await cancel.fill('12');
	await ahead.fill('21');
	await page.getByRole('button', { name: 'Save availability' }).click();
	await expect(page.getByText('Availability saved.')).toBeVisible();
	await expect(cancel).not.toHaveAttribute('aria-invalid', 'true');
});
