package dev.kino.transcode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The video codecs a conversion may ask for ({@code vcodec=}), each with the ffmpeg encoder Kino uses for it. */
public enum VideoCodec {
    H264("h264", "libx264"),
    HEVC("hevc", "libx265"),
    VP8("vp8", "libvpx"),
    VP9("vp9", "libvpx-vp9"),
    AV1("av1", "libsvtav1"),
    MPEG2("mpeg2video", "mpeg2video"),
    FLV1("flv1", "flv"),
    /** Pass the source's video through untouched. */
    COPY("copy", null);

    private final String queryName;
    private final String encoder;

    VideoCodec(String queryName, String encoder) {
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

    static Optional<VideoCodec> byQueryName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.queryName.equals(n)).findFirst();
    }
}
