// Renders the PWA icons (PNG) from SVG with Debian's Chromium. Run by hand when the logo changes:
// `node scripts/make-icons.js`; the PNGs are committed.
import { chromium } from '@playwright/test';

/** @param {number} size @param {number} inset */
const mark = (size, inset) => {
	const r = (size * (1 - 2 * inset)) / 64;
	const o = size * inset;
	return `<g transform="translate(${o} ${o}) scale(${r})">
		<circle cx="24" cy="34" r="11" fill="none" stroke="#fff" stroke-width="5"/>
		<circle cx="40" cy="34" r="11" fill="none" stroke="#f2c46d" stroke-width="5"/></g>`;
};

/** @param {number} s */
const tile = (s) =>
	`<rect width="${s}" height="${s}" rx="${s * 0.22}" fill="#1f5f5b"/>${mark(s, 0.08)}`;
/** @param {number} s @param {number} inset */
const bleed = (s, inset) => `<rect width="${s}" height="${s}" fill="#1f5f5b"/>${mark(s, inset)}`;

const icons = [
	// "any" icons: rounded tile, like the favicon.
	{ file: 'icon-192.png', size: 192, svg: tile },
	{ file: 'icon-512.png', size: 512, svg: tile },
	// Maskable: full-bleed background, the mark inside the central 80% safe zone.
	{ file: 'maskable-512.png', size: 512, svg: (/** @type {number} */ s) => bleed(s, 0.2) },
	{ file: 'apple-touch-icon.png', size: 180, svg: (/** @type {number} */ s) => bleed(s, 0.12) }
];

const browser = await chromium.launch({
	executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
for (const icon of icons) {
	const s = icon.size;
	await page.setViewportSize({ width: s, height: s });
	await page.setContent(
		`<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">${icon.svg(s)}</svg></body></html>`
	);
	await page.screenshot({ path: `static/icons/${icon.file}`, omitBackground: true });
	console.log(`static/icons/${icon.file}`);
}
await browser.close();
