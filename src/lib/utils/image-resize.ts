/**
 * Profile photos are resized in the browser before they are stored: they travel inside a Yjs
 * document and the published profile, so a 4 MB phone picture must become a small avatar.
 * The size math is pure (and unit-tested); `resizeImage` is the canvas part.
 *
 *     const result = await resizeImage(input.files[0]);
 *     if (result.ok) profile.photo = result.dataUrl;
 */

export interface ResizeOptions {
	/** Longest side, in pixels. */
	maxSide: number;
	/** The encoded image's largest size in bytes. */
	maxBytes: number;
	/** The data URL's largest length in characters (what the document accepts). */
	maxDataUrlLength: number;
}

export const AVATAR_OPTIONS: ResizeOptions = {
	maxSide: 256,
	maxBytes: 100 * 1024,
	// coach-doc's MAX_PHOTO_DATA_URL_LENGTH: 64 KiB of text.
	maxDataUrlLength: 64 * 1024
};

/** Encoder qualities tried in order until the image fits. */
export const QUALITY_STEPS = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4] as const;

/** Scales (width, height) to fit inside a square of `maxSide`, keeping the ratio, never enlarging. */
export function fitWithin(
	width: number,
	height: number,
	maxSide: number
): { width: number; height: number } {
	if (!(width > 0 && height > 0 && maxSide > 0)) {
		throw new RangeError('Image sides and the limit must be positive.');
	}
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/** Length of `data:<mime>;base64,<payload>` for a payload of `bytes` bytes. */
export function dataUrlLength(bytes: number, mime: string): number {
	return `data:${mime};base64,`.length + 4 * Math.ceil(bytes / 3);
}

/** The largest encoded size that keeps both limits for this mime type. */
export function byteBudget(options: ResizeOptions, mime: string): number {
	const prefix = `data:${mime};base64,`.length;
	const fromDataUrl = Math.floor((options.maxDataUrlLength - prefix) / 4) * 3;
	return Math.max(0, Math.min(options.maxBytes, fromDataUrl));
}

export type ResizeResult =
	| { ok: true; dataUrl: string; width: number; height: number; bytes: number }
	| { ok: false; message: string };

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function makeCanvas(width: number, height: number): Canvas {
	if (typeof OffscreenCanvas !== 'undefined') {
		return new OffscreenCanvas(width, height);
	}
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return canvas;
}

function encode(canvas: Canvas, type: string, quality: number): Promise<Blob | null> {
	if ('convertToBlob' in canvas) {
		return canvas.convertToBlob({ type, quality });
	}
	return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

async function toDataUrl(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return `data:${blob.type};base64,${btoa(binary)}`;
}

/** Draws the bitmap at `size` on white (JPEG has no transparency) and encodes it to fit. */
async function encodeToFit(
	bitmap: ImageBitmap,
	size: { width: number; height: number },
	options: ResizeOptions
): Promise<Blob | null> {
	const canvas = makeCanvas(size.width, size.height);
	const context = canvas.getContext('2d') as
		OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
	if (!context) {
		return null;
	}
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, size.width, size.height);
	context.drawImage(bitmap, 0, 0, size.width, size.height);
	// WebP first (smaller); a browser that cannot encode it hands back PNG, so fall back to JPEG.
	for (const type of ['image/webp', 'image/jpeg']) {
		for (const quality of QUALITY_STEPS) {
			const blob = await encode(canvas, type, quality);
			if (!blob || blob.type !== type) {
				break;
			}
			if (blob.size <= byteBudget(options, type)) {
				return blob;
			}
		}
	}
	return null;
}

/** Resizes an image file to a small WebP or JPEG data URL within `options`. */
export async function resizeImage(
	file: Blob,
	options: ResizeOptions = AVATAR_OPTIONS
): Promise<ResizeResult> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		return { ok: false, message: 'That file is not an image this browser can read.' };
	}
	try {
		let size = fitWithin(bitmap.width, bitmap.height, options.maxSide);
		// A very detailed picture may not fit even at low quality: shrink it, a bounded number of times.
		for (let attempt = 0; attempt < 4; attempt++) {
			const blob = await encodeToFit(bitmap, size, options);
			if (blob) {
				const dataUrl = await toDataUrl(blob);
				return { ok: true, dataUrl, ...size, bytes: blob.size };
			}
			size = fitWithin(
				size.width,
				size.height,
				Math.floor(Math.max(size.width, size.height) * 0.75)
			);
		}
		return { ok: false, message: 'That image could not be made small enough; try another one.' };
	} finally {
		bitmap.close();
	}
}
