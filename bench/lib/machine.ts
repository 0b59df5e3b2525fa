import fs from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
	cpuModel: string;
	cores: number;
	memoryGb: number;
	node: string;
	kernel: string;
	loadAverage: string;
}

export function describeMachine(): MachineInfo {
	const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
	const cpuModel = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
	return {
		cpuModel: cpuModel.trim(),
		cores: os.cpus().length,
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		node: process.version,
		kernel: os.release(),
		// Other work on a shared machine skews every number; the load average shows how much.
		loadAverage: os
			.loadavg()
			.map((value) => value.toFixed(2))
			.join(' ')
	};
}

export function formatMachine(info: MachineInfo): string {
	return [
		`CPU: ${info.cpuModel}, ${info.cores} cores, ${info.memoryGb} GB RAM`,
		`Node ${info.node}, Linux ${info.kernel}, load average at start ${info.loadAverage}`
	].join('\n');
}
