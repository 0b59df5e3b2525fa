import type { CallMode } from './call-state';
import { mediaProblemOf, type MediaDevice, type MediaProblem } from './media-errors';

/** What this device can send: both, audio only, or nothing (listen only). */
export type SendMode = 'video' | 'audio' | 'listen';

export interface DeviceProblem {
	readonly device: MediaDevice;
	readonly problem: MediaProblem;
}

export interface DeviceChoice {
	readonly id: string;
	readonly label: string;
}

/** The browser's media APIs, as a seam (navigator.mediaDevices in the app). */
export type MediaDevicesLike = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'>;

function choices(devices: MediaDeviceInfo[], kind: MediaDeviceKind, noun: string): DeviceChoice[] {
	return devices
		.filter((d) => d.kind === kind && d.deviceId !== '')
		.map((d, i) => ({ id: d.deviceId, label: d.label || `${noun} ${i + 1}` }));
}

/**
 * This device's camera and microphone: the one bridge to getUserMedia and enumerateDevices.
 * Failures are data (`problems`), and each failure falls back a step, video → audio only →
 * listen only, so a person without a working camera or microphone can still join.
 *
 *     const media = new LocalMedia(navigator.mediaDevices);
 *     await media.start('video');
 *     media.stream; media.sendMode; media.problems; // reactive
 *     media.setMuted(true);
 *     media.stop();
 */
export class LocalMedia {
	#devices: MediaDevicesLike | null;
	#stream = $state.raw<MediaStream | null>(null);
	#problems = $state.raw<readonly DeviceProblem[]>([]);
	#cameras = $state.raw<readonly DeviceChoice[]>([]);
	#microphones = $state.raw<readonly DeviceChoice[]>([]);
	#cameraId = $state<string | null>(null);
	#microphoneId = $state<string | null>(null);
	#muted = $state(false);
	#cameraOff = $state(false);
	#starting = $state(false);
	#wanted: CallMode = 'video';
	#generation = 0;

	constructor(devices: MediaDevicesLike | null | undefined) {
		this.#devices = devices ?? null;
	}

	get stream(): MediaStream | null {
		return this.#stream;
	}
	get sendMode(): SendMode {
		const stream = this.#stream;
		if (!stream || stream.getAudioTracks().length === 0) {
			return stream?.getVideoTracks().length ? 'video' : 'listen';
		}
		return stream.getVideoTracks().length > 0 ? 'video' : 'audio';
	}
	get problems(): readonly DeviceProblem[] {
		return this.#problems;
	}
	get cameras(): readonly DeviceChoice[] {
		return this.#cameras;
	}
	get microphones(): readonly DeviceChoice[] {
		return this.#microphones;
	}
	get cameraId(): string | null {
		return this.#cameraId;
	}
	get microphoneId(): string | null {
		return this.#microphoneId;
	}
	get muted(): boolean {
		return this.#muted;
	}
	get cameraOff(): boolean {
		return this.#cameraOff;
	}
	get starting(): boolean {
		return this.#starting;
	}

	/** Asks for the devices `mode` needs, falling back as far as it must. Restarts if running. */
	async start(mode: CallMode): Promise<void> {
		this.#wanted = mode;
		const generation = ++this.#generation;
		this.#starting = true;
		this.#release();
		const { stream, problems } = await this.#acquire(mode);
		if (generation !== this.#generation) {
			stream?.getTracks().forEach((track) => track.stop());
			return;
		}
		this.#stream = stream;
		this.#problems = problems;
		this.#applyToggles();
		this.#starting = false;
		await this.#listDevices();
	}

	async chooseCamera(deviceId: string): Promise<void> {
		this.#cameraId = deviceId;
		await this.start(this.#wanted);
	}

	async chooseMicrophone(deviceId: string): Promise<void> {
		this.#microphoneId = deviceId;
		await this.start(this.#wanted);
	}

	setMuted(muted: boolean): void {
		this.#muted = muted;
		this.#applyToggles();
	}

	setCameraOff(off: boolean): void {
		this.#cameraOff = off;
		this.#applyToggles();
	}

	/** Audio only from now on: the camera is released (its light goes off), not just hidden. */
	dropVideo(): void {
		this.#wanted = 'audio';
		const stream = this.#stream;
		if (!stream) {
			return;
		}
		for (const track of stream.getVideoTracks()) {
			track.stop();
			stream.removeTrack(track);
		}
		// A new object, so readers of `stream` and `sendMode` update.
		this.#stream = new MediaStream(stream.getTracks());
	}

	stop(): void {
		this.#generation += 1;
		this.#release();
		this.#starting = false;
	}

	#release(): void {
		this.#stream?.getTracks().forEach((track) => track.stop());
		this.#stream = null;
	}

	#applyToggles(): void {
		this.#stream?.getAudioTracks().forEach((track) => (track.enabled = !this.#muted));
		this.#stream?.getVideoTracks().forEach((track) => (track.enabled = !this.#cameraOff));
	}

	async #acquire(
		mode: CallMode
	): Promise<{ stream: MediaStream | null; problems: DeviceProblem[] }> {
		const problems: DeviceProblem[] = [];
		const audio = this.#microphoneId ? { deviceId: { exact: this.#microphoneId } } : true;
		if (mode === 'video') {
			const video = this.#cameraId ? { deviceId: { exact: this.#cameraId } } : true;
			const both = await this.#ask({ audio, video });
			if (both.stream) {
				return { stream: both.stream, problems };
			}
			// Which device failed is unknown from a combined request; asking for audio alone
			// tells them apart (if it works, it was the camera).
			const audioOnly = await this.#ask({ audio });
			if (audioOnly.stream) {
				return {
					stream: audioOnly.stream,
					problems: [{ device: 'camera', problem: both.problem }]
				};
			}
			problems.push({ device: 'camera', problem: both.problem });
			problems.push({ device: 'microphone', problem: audioOnly.problem });
			return { stream: null, problems };
		}
		const audioOnly = await this.#ask({ audio });
		if (!audioOnly.stream) {
			problems.push({ device: 'microphone', problem: audioOnly.problem });
		}
		return { stream: audioOnly.stream, problems };
	}

	async #ask(
		constraints: MediaStreamConstraints
	): Promise<{ stream: MediaStream; problem?: never } | { stream: null; problem: MediaProblem }> {
		if (!this.#devices) {
			return { stream: null, problem: 'unsupported' };
		}
		try {
			return { stream: await this.#devices.getUserMedia(constraints) };
		} catch (error) {
			return { stream: null, problem: mediaProblemOf(error) };
		}
	}

	// Labels are only readable after permission is granted, so this runs after getUserMedia.
	async #listDevices(): Promise<void> {
		try {
			const devices = (await this.#devices?.enumerateDevices()) ?? [];
			this.#cameras = choices(devices, 'videoinput', 'Camera');
			this.#microphones = choices(devices, 'audioinput', 'Microphone');
			const stream = this.#stream;
			this.#cameraId ??= stream?.getVideoTracks()[0]?.getSettings().deviceId ?? null;
			this.#microphoneId ??= stream?.getAudioTracks()[0]?.getSettings().deviceId ?? null;
		} catch {
			// The lists only offer choices; without them the default devices are used.
		}
	}
}
