package dev.kino.testing;

/** What a browser tells {@code POST /api/play}: the capabilities of Chromium (with MSE, no native HLS). */
public final class PlayerCapabilities {
    public static final String CHROMIUM = """
            {"direct":{"containers":["mp4","webm","ogg","mp3","wav","flac","m4a"],"video":["h264","vp8","vp9","av1"],
             "audio":["aac","mp3","opus","vorbis","flac"]},
             "hls":{"native":false,"mse":true,"video":["h264","vp9","av1"],"audio":["aac","mp3","opus","flac"]}}""";

    private PlayerCapabilities() {}
}
