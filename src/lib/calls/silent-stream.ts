/**
 * A live but silent audio stream, for a coach who joins listen-only: PeerJS needs a stream to
 * place a call, and the offer still asks to receive the client's audio and video.
 */
export function silentAudioStream(): MediaStream {
	const context = new AudioContext();
	const destination = context.createMediaStreamDestination();
	const stream = destination.stream;
	// Close the audio context with the track, so no context outlives the call.
	stream.getAudioTracks()[0]?.addEventListener('ended', () => void context.close());
	return stream;
}
