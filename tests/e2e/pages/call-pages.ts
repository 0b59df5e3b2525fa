import { expect, type Locator, type Page } from '@playwright/test';

/** Numbers each frame-count check, so two checks of one video never share a starting point. */
let frameMarks = 0;

/** The parts both call screens share: device check, stage, controls and timer. */
export class CallScreen {
	readonly deviceCheck: Locator;
	readonly preview: Locator;
	readonly remoteVideo: Locator;
	readonly remoteAudio: Locator;
	readonly localVideo: Locator;
	readonly timer: Locator;
	readonly mute: Locator;
	readonly cameraOff: Locator;
	readonly audioOnly: Locator;

	constructor(readonly page: Page) {
		this.deviceCheck = page.getByRole('region', { name: 'Check your camera and microphone' });
		this.preview = page
			.getByRole('region', { name: 'Check your camera and microphone' })
			.locator('video');
		this.remoteVideo = page.getByTestId('remote-video');
		this.remoteAudio = page.getByTestId('remote-audio');
		this.localVideo = page.getByTestId('local-video');
		this.timer = page.getByTestId('session-elapsed');
		this.mute = page.getByRole('button', { name: 'Mute' });
		this.cameraOff = page.getByRole('button', { name: 'Camera off' });
		this.audioOnly = page.getByRole('button', { name: 'Switch to audio only' });
	}

	/** Frames arrive: the remote video has a size and its decoded-frame count keeps growing. */
	async expectLiveRemoteVideo(): Promise<void> {
		await expect(this.remoteVideo).toBeVisible({ timeout: 20_000 });
		await expect
			.poll(() => this.remoteVideo.evaluate((v: HTMLVideoElement) => v.videoWidth), {
				timeout: 20_000
			})
			.toBeGreaterThan(0);
		// Counted from when this check first saw the video shown now: a reconnect may replace
		// the element or its stream, whose counter restarts at 0 (a count taken from the previous
		// element made this wait for frames that could never come).
		const mark = (frameMarks += 1);
		const framesSinceMark = () =>
			this.remoteVideo.evaluate((v: HTMLVideoElement, mark: number) => {
				const total = v.getVideoPlaybackQuality().totalVideoFrames;
				const seen = v as HTMLVideoElement & { frameMark?: [number, unknown, number] };
				const [markOf, stream, from] = seen.frameMark ?? [];
				if (markOf !== mark || stream !== v.srcObject || total < from!) {
					seen.frameMark = [mark, v.srcObject, total];
					return 0;
				}
				return total - from!;
			}, mark);
		await expect.poll(framesSinceMark, { timeout: 10_000 }).toBeGreaterThan(10);
	}

	/**
	 * Sound arrives: bytes of inbound audio grow on this page's peer connections (collected by
	 * `recordPeerConnections`), while no inbound video is decoded.
	 */
	async inboundBytes(kind: 'audio' | 'video'): Promise<number> {
		return this.page.evaluate(async (wanted) => {
			const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
			let total = 0;
			for (const pc of pcs) {
				if (pc.connectionState === 'closed') {
					continue;
				}
				const stats = await pc.getStats();
				stats.forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
					if (report.type === 'inbound-rtp' && report.kind === wanted) {
						total += report.bytesReceived ?? 0;
					}
				});
			}
			return total;
		}, kind);
	}

	async expectAudioFlowing(): Promise<void> {
		const before = await this.inboundBytes('audio');
		await expect
			.poll(() => this.inboundBytes('audio'), { timeout: 15_000 })
			.toBeGreaterThan(before + 2_000);
	}
}

/** Keeps every RTCPeerConnection a page creates in `window.__pcs`, for stats in tests. */
export const recordPeerConnections = () => {
	const Original = window.RTCPeerConnection;
	const pcs: RTCPeerConnection[] = [];
	(window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
	window.RTCPeerConnection = class extends Original {
		constructor(config?: RTCConfiguration) {
			super(config);
			pcs.push(this);
		}
	};
};

/** The coach's call page at /coach/clients/<id>/call. */
export class CoachCallPage extends CallScreen {
	readonly start: Locator;
	readonly end: Locator;
	readonly status: Locator;

	constructor(page: Page) {
		super(page);
		this.start = page.getByRole('button', { name: 'Start the session' });
		this.end = page.getByRole('button', { name: 'End session for both' });
		this.status = page.locator('p.status');
	}

	/** From the client's page, through the link the coach uses. */
	async startFromClientPage(engagementId: string, kind: 'video' | 'audio'): Promise<void> {
		await this.page.goto(`/coach/clients/${engagementId}`);
		await this.page.getByRole('link', { name: `Start ${kind} call` }).click();
		await expect(this.page).toHaveURL(new RegExp(`/call\\?mode=${kind}$`));
		await expect(this.deviceCheck).toBeVisible();
	}
}

/** The client's waiting room and call at /client/session. */
export class ClientSessionPage extends CallScreen {
	readonly join: Locator;
	readonly leave: Locator;
	readonly heading: Locator;
	readonly status: Locator;

	constructor(page: Page) {
		super(page);
		this.join = page.getByRole('button', { name: 'Join', exact: true });
		this.leave = page.getByRole('button', { name: 'Leave' });
		this.heading = page.getByRole('heading', { level: 1 });
		this.status = page.locator('p.status');
	}

	async enterWaitingRoom(): Promise<void> {
		await expect(this.deviceCheck).toBeVisible();
		await expect(this.preview).toBeVisible();
		await this.join.click();
		await expect(this.heading).toHaveText('Waiting room');
	}
}

/** Anything on a client's screen that could start a call. */
export function callStarters(page: Page): Locator {
	return page
		.getByRole('link', { name: /start .*(call|session)/i })
		.or(page.getByRole('button', { name: /start .*(call|session)/i }));
}
