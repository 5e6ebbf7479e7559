/* Kino – hls.js for the player: its settings for on-demand VOD playlists, and fatal errors in words.
   hls.js itself is the classic script /vendor/hls.min.js, which sets window.Hls. */

// hls.js settings for VOD playlists whose segments the server makes on demand: a transcoded
// segment may take seconds before its first byte, so wait long and retry, and keep the buffer small
// so that a seek does not leave the server converting parts nobody watches.
export const HLS_CONFIG = {
  enableWorker: false,         // the CSP has no worker-src, and hls.js would start its worker from a blob: URL
  autoStartLoad: true,
  startPosition: -1,
  maxBufferLength: 30,
  maxMaxBufferLength: 60,
  backBufferLength: 30,
  maxBufferHole: 0.5,
  lowLatencyMode: false,
  // (the same as the older manifestLoadingTimeOut: 20000 and fragLoadingTimeOut: 60000, which hls.js 1.4 warns about)
  manifestLoadPolicy: loadPolicy(20000, 20000, 2, 5),
  playlistLoadPolicy: loadPolicy(20000, 20000, 2, 5),
  fragLoadPolicy: loadPolicy(60000, 120000, 3, 6)
};

/**
 * Time limits and retries for one kind of hls.js request. Error retries (HTTP 5xx such as a 503 while the server
 * is busy or still analysing the file) back off 1, 2, 4, 8, 8… s; 4xx answers are never retried by hls.js.
 */
function loadPolicy(firstByteMs, loadMs, timeoutRetries, errorRetries) {
  return {
    default: {
      maxTimeToFirstByteMs: firstByteMs,
      maxLoadTimeMs: loadMs,
      timeoutRetry: { maxNumRetry: timeoutRetries, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: errorRetries, retryDelayMs: 1000, maxRetryDelayMs: 8000 }
    }
  };
}

const HLS_PROBLEMS = {
  manifestLoadError: 'the stream’s playlist could not be loaded',
  manifestLoadTimeOut: 'the stream’s playlist took too long to load',
  manifestParsingError: 'the stream’s playlist is not valid',
  levelLoadError: 'the stream’s playlist could not be loaded',
  levelLoadTimeOut: 'the stream’s playlist took too long to load',
  levelParsingError: 'the stream’s playlist is not valid',
  fragLoadError: 'a part of the stream could not be loaded',
  fragLoadTimeOut: 'a part of the stream took too long to arrive',
  fragParsingError: 'a part of the stream could not be read',
  bufferAppendError: 'the browser could not decode the stream',
  bufferAddCodecError: 'the browser cannot play the stream’s codecs',
  bufferIncompatibleCodecsError: 'the browser cannot play the stream’s codecs',
  manifestIncompatibleCodecsError: 'the browser cannot play the stream’s codecs'
};

/** The message for a fatal hls.js error; `status` is the HTTP status of the failed request, or 0. */
export function describeHlsError(data, status) {
  const Hls = window.Hls;
  const what = HLS_PROBLEMS[data.details] || (data.type === Hls.ErrorTypes.NETWORK_ERROR
    ? 'the stream could not be loaded'
    : data.type === Hls.ErrorTypes.MEDIA_ERROR ? 'the stream could not be decoded' : 'the stream stopped');
  return 'Streaming error (' + data.type + ': ' + data.details + '): ' + what +
    (status ? ' — the server answered HTTP ' + status + (status === 404 ? ' (not found).' : '.') : '.');
}
