import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2 A/AA violations on the page, or inside the element `within` selects (injected through the
 * DevTools protocol, not a script tag, so the page's CSP is untouched). Each as `rule-id [targets]`.
 */
export async function accessibilityViolations(page: Page, within?: string): Promise<string[]> {
	await page.evaluate(await axeSource);
	return page.evaluate(async (selector) => {
		const axe = (
			window as unknown as {
				axe: {
					run(
						context: Element | Document,
						options: object,
					): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
				};
			}
		).axe;
		const context = selector ? document.querySelector(selector) : document;
		if (!context) return [`nothing matches ${selector}`];
		const result = await axe.run(context, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
		});
		return result.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
	}, within);
}
