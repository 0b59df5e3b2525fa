/**
 * A short name for a device from its User-Agent ("Firefox on Windows"), for the devices list and
 * the new sign-in email. Order matters: Edge and Opera also say Chrome, Chrome also says Safari,
 * Android also says Linux, iOS also says Mac OS X.
 */
const BROWSERS: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/HeadlessChrome\//, 'Chrome'],
	[/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
	[/Safari\//, 'Safari']
];

const SYSTEMS: [RegExp, string][] = [
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Android/, 'Android'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];

const first = (table: [RegExp, string][], ua: string) =>
	table.find(([pattern]) => pattern.test(ua))?.[1];

export function deviceSummary(userAgent: string): string {
	const browser = first(BROWSERS, userAgent);
	const system = first(SYSTEMS, userAgent);
	if (browser && system) {
		return `${browser} on ${system}`;
	}
	return browser ?? system ?? (userAgent.trim() ? 'Unknown browser' : 'Unknown device');
}
