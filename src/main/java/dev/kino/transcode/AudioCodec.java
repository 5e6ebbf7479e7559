package dev.kino.transcode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The audio codecs a conversion may ask for ({@code acodec=}), each with the ffmpeg encoder Kino uses for it. */
public enum AudioCodec {
    AAC("aac", "aac"),
    MP3("mp3", "libmp3lame"),
    OPUS("opus", "libopus"),
    VORBIS("vorbis", "libvorbis"),
    AC3("ac3", "ac3"),
    /** Pass the source's audio through untouched. */
    COPY("copy", null);

    private final String queryName;
    private final String encoder;

    AudioCodec(String queryName, String encoder) {
        this.queryName = queryName;
        this.encoder = encoder;
    }

    /** The name used in the query string and in error messages. */
    public String queryName() {
        return queryName;
    }

    /** The ffmpeg encoder, or empty for {@link #COPY}. */
    public Optional<String> encoder() {
        return Optional.ofNullable(encoder);
    }

    static Optional<AudioCodec> byQueryName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.queryName.equals(n)).findFirst();
    }
}
