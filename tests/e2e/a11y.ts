import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails the test with the list of violations if axe finds any (WCAG 2.1 A/AA rules and best practices). */
export async function expectNoA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map((v) => ({
		id: v.id,
		impact: v.impact,
		targets: v.nodes.map((n) => n.target.join(' '))
	}));
	expect(summary).toEqual([]);
}
