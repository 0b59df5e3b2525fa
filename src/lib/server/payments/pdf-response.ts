/** An invoice or credit note PDF as a download that no shared cache keeps. */
export function pdfResponse(pdf: { bytes: Uint8Array; fileName: string }): Response {
	return new Response(Buffer.from(pdf.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${pdf.fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
}
