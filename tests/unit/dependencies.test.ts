import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('dependencies', () => {
	// Two Yjs copies break `instanceof` checks and silently corrupt sync ("Yjs was already imported").
	it('installs exactly one copy of yjs, at 13.x', () => {
		const out = execFileSync('npm', ['ls', 'yjs', '--all', '--json'], {
			cwd: root,
			encoding: 'utf8'
		});
		const versions = new Set<string>();
		const walk = (node: { dependencies?: Record<string, { version?: string }> }) => {
			for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
				if (name === 'yjs' && dep.version) {
					versions.add(dep.version);
				}
				walk(dep as typeof node);
			}
		};
		walk(JSON.parse(out) as Parameters<typeof walk>[0]);
		expect([...versions]).toHaveLength(1);
		expect([...versions][0]).toMatch(/^13\./);
	});
});
