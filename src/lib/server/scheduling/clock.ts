/**
 * The scheduling services' clock. `TANDEM_TEST_CLOCK_OFFSET_MS` shifts it (and only it) by a
 * fixed amount, so an integration test can restart a real server "23 hours later" to see a
 * reminder fall due instead of waiting a day. Unset (always in production) it is Date.now.
 */
export function clockFromEnv(env: Record<string, string | undefined>): () => number {
	const raw = env.TANDEM_TEST_CLOCK_OFFSET_MS;
	if (raw === undefined || raw === '') {
		return Date.now;
	}
	const offset = Number(raw);
	if (!Number.isInteger(offset)) {
		throw new Error(`TANDEM_TEST_CLOCK_OFFSET_MS must be a whole number of ms, got "${raw}"`);
	}
	console.warn(
		`Scheduling clock shifted by ${offset} ms (TANDEM_TEST_CLOCK_OFFSET_MS, tests only)`
	);
	return () => Date.now() + offset;
}
