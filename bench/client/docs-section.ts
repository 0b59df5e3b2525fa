import fs from 'node:fs';
import path from 'node:path';
import { root } from './build';
import {
	chunkTable,
	docCostTable,
	readableTable,
	weightTable,
	type ClientBenchResults
} from './report';

const DOC = path.join(root, 'docs/performance.md');
const HEADING = '## Local-first client';

const method = (
	results: ClientBenchResults
) => `\`npm run bench:client\` (about 1.5 minutes, plus a build when \`build/\` is older than the sources)
measures the app as a coach's browser runs it, and prints the tables below.

\`\`\`sh
npm run bench:client                      # measures, prints, and rewrites this section
BENCH_WRITE_DOCS=0 npm run bench:client   # measures and prints only
BENCH_RUNS=10 BENCH_MESSAGES=20000 npm run bench:client
BENCH_PROFILE=1 npm run bench:client      # adds V8 CPU profiles of two opens, by file and function
\`\`\`

### Method

- **Setup.** The bench copies \`build/\` (building it first under \`flock /tmp/tandem-build.lock\`
  when a source is newer), starts the production entry (\`server/index.ts\`) on a fixed loopback
  port with a temporary data folder, and creates a coach and a client through the real API
  (signup, invitation, acceptance). A Node Yjs client (stock \`y-websocket\`, the coach's cookie)
  writes ${results.messages.toLocaleString('en')} chat messages with \`sendMessage\` from \`src/lib/docs/engagement-doc.ts\`, 1,000
  per transaction, coach and client taking turns; a fresh client then checks the server
  returns all of them. The document is ${(results.docBytes / 1024 / 1024).toFixed(1)} MB as one Yjs update.
- **Browser.** Debian's Chromium through Playwright, with the flags of \`playwright.config.ts\`, a
  profile on disk, 1280×720. The coach signs in and opens the chat online once: the history
  reaches IndexedDB and the service worker takes control. Then the server is stopped.
- **Readable.** A script, installed before the app's own, checks once per animation frame that
  the newest message is the last item of the conversation list, scrolled into the list's view,
  and that the "Show earlier messages (${Math.max(0, results.messages - 200).toLocaleString('en')})" button is there (so the whole history was
  loaded, not a part). The time is that frame's \`performance.now()\`, i.e. milliseconds since
  the navigation started (the document's time origin); for the in-app case, since the click,
  taken on the same clock. "HTML served" is the navigation's \`responseEnd\` (the service worker
  answering from its cache), and "Opening…" is the first frame showing the workspace's loading
  status (the app has booted and asked for the document).
- **Cases, server down.** Address bar in a tab that already ran the app (\`page.goto\`, a new
  document each time); address bar right after the browser was closed and started again (same
  profile: service worker and IndexedDB on disk, nothing in memory); a click on the client in
  the coach's list (an in-app navigation; the document is not open yet in that tab).
- **JavaScript on first load.** A fresh browser context with service workers blocked opens
  \`/login\`, and, signed in, \`/coach\`, until the network is idle. Every \`.js\` response is
  matched to its file in the build: raw size, and the size of adapter-node's precompressed
  \`.gz\` and \`.br\` copies, which the server sends to clients accepting gzip or br (Chromium asks
  for br). The service worker's precache, downloaded in the background after the first load, is
  listed apart. Chunk contents are recognised by a string only that library contains.
- **Yjs work, in Node.** The seeded document's state is applied to a new \`Y.Doc\` 9 times per
  line (median): bare, with one \`'update'\` listener (the app always has several: IndexedDB
  persistence, pending-changes tracking, the websocket provider), and with the view's
  \`observeDeep\`; then the schema module's reads. Same V8 as Chromium, without the page.`;

const BEGIN = '<!-- bench:client results: rewritten by `npm run bench:client` -->';
const END = '<!-- /bench:client results -->';

function results(run: ClientBenchResults): string {
	return [
		BEGIN,
		`### Results, ${run.when} UTC (commit \`${run.commit}\`)`,
		`${run.machine.cpuModel}, ${run.machine.cores} cores, ${run.machine.memoryGb} GB RAM, Node ${run.machine.node}.
Load average (1 min) ${run.loadDuringRuns} during the offline runs, on cores shared with other
workers building and testing.`,
		readableTable(run.scenarios),
		`With the server up, the very first open (history downloaded from the server, then stored)
was readable after ${Math.round(run.online.readable)} ms.`,
		docCostTable(run.docCosts),
		weightTable(run.weights, run.precache),
		...run.weights.map((weight) => chunkTable(weight)),
		END
	].join('\n\n');
}

/**
 * The first run appends the whole section; later runs replace only the results between the
 * markers, so the method and any reading written under them stay. The rest of the file, which
 * others edit, is kept as it is on disk right now.
 */
export function writeDocsSection(run: ClientBenchResults): void {
	const current = fs.readFileSync(DOC, 'utf8');
	const begin = current.indexOf(BEGIN);
	const end = current.indexOf(END);
	const next =
		begin !== -1 && end > begin
			? current.slice(0, begin) + results(run) + current.slice(end + END.length)
			: `${current.trimEnd()}\n\n${HEADING}\n\n${method(run)}\n\n${results(run)}\n`;
	fs.writeFileSync(DOC, next);
}
