package dev.kino.transcode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The containers Kino converts to ({@code format=}), with the codecs each may carry. {@code copy} is allowed in the
 * permissive containers (MP4, Matroska, MPEG-TS, FLV, M4A, MP3); WebM and Ogg admit so few codecs that copying a
 * typical library file into them would only fail later, inside ffmpeg.
 */
public enum OutputFormat {
    MP4("mp4", "video/mp4", "mp4", VideoCodec.H264, AudioCodec.AAC,
            Set.of(VideoCodec.H264, VideoCodec.HEVC, VideoCodec.AV1, VideoCodec.COPY),
            Set.of(AudioCodec.AAC, AudioCodec.MP3, AudioCodec.OPUS, AudioCodec.COPY)),
    WEBM("webm", "video/webm", "webm", VideoCodec.VP9, AudioCodec.OPUS,
            Set.of(VideoCodec.VP8, VideoCodec.VP9, VideoCodec.AV1),
            Set.of(AudioCodec.OPUS, AudioCodec.VORBIS)),
    MKV("matroska", "video/x-matroska", "mkv", VideoCodec.H264, AudioCodec.AAC,
            Set.of(VideoCodec.H264, VideoCodec.HEVC, VideoCodec.VP8, VideoCodec.VP9, VideoCodec.AV1, VideoCodec.MPEG2,
                    VideoCodec.COPY),
            Set.of(AudioCodec.AAC, AudioCodec.AC3, AudioCodec.MP3, AudioCodec.OPUS, AudioCodec.VORBIS, AudioCodec.COPY)),
    FLV("flv", "video/x-flv", "flv", VideoCodec.H264, AudioCodec.AAC,
            Set.of(VideoCodec.H264, VideoCodec.FLV1, VideoCodec.COPY),
            Set.of(AudioCodec.AAC, AudioCodec.MP3, AudioCodec.COPY)),
    TS("mpegts", "video/mp2t", "ts", VideoCodec.H264, AudioCodec.AAC,
            Set.of(VideoCodec.H264, VideoCodec.HEVC, VideoCodec.MPEG2, VideoCodec.COPY),
            Set.of(AudioCodec.AAC, AudioCodec.AC3, AudioCodec.MP3, AudioCodec.COPY)),
    MP3("mp3", "audio/mpeg", "mp3", null, AudioCodec.MP3,
            Set.of(),
            Set.of(AudioCodec.MP3, AudioCodec.COPY)),
    M4A("mp4", "audio/mp4", "m4a", null, AudioCodec.AAC,
            Set.of(),
            Set.of(AudioCodec.AAC, AudioCodec.MP3, AudioCodec.OPUS, AudioCodec.COPY)),
    OGG("ogg", "audio/ogg", "ogg", null, AudioCodec.OPUS,
            Set.of(),
            Set.of(AudioCodec.OPUS, AudioCodec.VORBIS));

    private final String muxer;
    private final String contentType;
    private final String extension;
    private final VideoCodec defaultVideo;
    private final AudioCodec defaultAudio;
    private final Set<VideoCodec> videoCodecs;
    private final Set<AudioCodec> audioCodecs;

    OutputFormat(String muxer, String contentType, String extension, VideoCodec defaultVideo, AudioCodec defaultAudio,
                 Set<VideoCodec> videoCodecs, Set<AudioCodec> audioCodecs) {
        this.muxer = muxer;
        this.contentType = contentType;
        this.extension = extension;
        this.defaultVideo = defaultVideo;
        this.defaultAudio = defaultAudio;
        this.videoCodecs = videoCodecs;
        this.audioCodecs = audioCodecs;
    }

    /** The file extension, which is also the value of {@code format=} that selects this format. */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The ffmpeg muxer ({@code -f}). */
    public String muxer() {
        return muxer;
    }

    public boolean hasVideo() {
        return defaultVideo != null;
    }

    /** The video codec used when none is asked for; empty for audio-only formats. */
    public Optional<VideoCodec> defaultVideoCodec() {
        return Optional.ofNullable(defaultVideo);
    }

    public AudioCodec defaultAudioCodec() {
        return defaultAudio;
    }

    public boolean allows(VideoCodec codec) {
        return videoCodecs.contains(codec);
    }

    public boolean allows(AudioCodec codec) {
        return audioCodecs.contains(codec);
    }

    /** The allowed video codecs in declaration order, for error messages. */
    public List<String> videoCodecNames() {
        return Arrays.stream(VideoCodec.values()).filter(videoCodecs::contains).map(VideoCodec::queryName).toList();
    }

    /** The allowed audio codecs in declaration order, for error messages. */
    public List<String> audioCodecNames() {
        return Arrays.stream(AudioCodec.values()).filter(audioCodecs::contains).map(AudioCodec::queryName).toList();
    }

    static Optional<OutputFormat> byQueryName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(n)).findFirst();
    }

    static List<String> queryNames() {
        return Arrays.stream(values()).map(OutputFormat::extension).toList();
    }
}
