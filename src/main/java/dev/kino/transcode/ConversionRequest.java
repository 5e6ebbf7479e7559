package dev.kino.transcode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code GET /media/{id}/convert?format=…} asks for, with defaults filled in. Pure. Invalid requests throw
 * {@link IllegalArgumentException} whose message names the offending parameter (meant for a 400 response).
 *
 * @param format       the output container
 * @param videoCodec   the video codec; empty exactly when the format is audio only
 * @param audioCodec   the audio codec
 * @param height       output height in pixels (width follows the aspect ratio); empty keeps the source's
 * @param bitrate      target bits per second, for the video (or, in audio-only formats, for the audio)
 * @param startSeconds where in the source to start; 0 is the beginning
 */
public record ConversionRequest(OutputFormat format, Optional<VideoCodec> videoCodec, AudioCodec audioCodec,
                                OptionalInt height, OptionalLong bitrate, double startSeconds) {
    public static final int MIN_HEIGHT = 144;
    public static final int MAX_HEIGHT = 4320;
    public static final long MIN_BITRATE = 8_000;
    public static final long MAX_BITRATE = 100_000_000;
    public static final long MAX_AUDIO_BITRATE = 512_000;

    private static final int MAX_SHOWN = 40;
    private static final Pattern BITRATE = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,6})?)([kKmM]?)");
    private static final Pattern HEIGHT = Pattern.compile("\\d{1,6}");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(?:\\.\\d{1,6})?");

    public ConversionRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(videoCodec, "videoCodec");
        Objects.requireNonNull(audioCodec, "audioCodec");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(bitrate, "bitrate");
        checkCodecs(format, videoCodec, audioCodec);
        checkHeight(format, videoCodec, height);
        checkBitrate(format, videoCodec, audioCodec, bitrate);
        if (!Double.isFinite(startSeconds) || startSeconds < 0) {
            throw new IllegalArgumentException("t must be a number of seconds >= 0, not " + startSeconds);
        }
    }

    /** A request for {@code format} with its default codecs, from the start, at the source's size. */
    public static ConversionRequest of(OutputFormat format) {
        return new ConversionRequest(format, format.defaultVideoCodec(), format.defaultAudioCodec(),
                OptionalInt.empty(), OptionalLong.empty(), 0);
    }

    /** Parses the query parameters, assuming every encoder exists. Unknown parameters are ignored. */
    public static ConversionRequest parse(Map<String, String> query) {
        return parse(query, encoder -> true);
    }

    /**
     * Parses the query parameters. Codecs whose encoder {@code encoderAvailable} rejects (see
     * {@link FfmpegEncoders}) are refused. Unknown parameters are ignored; empty values count as absent.
     */
    public static ConversionRequest parse(Map<String, String> query, Predicate<String> encoderAvailable) {
        OutputFormat format = param(query, "format")
                .map(f -> OutputFormat.byQueryName(f).orElseThrow(() -> new IllegalArgumentException(
                        "format '" + shown(f) + "' is not supported; use one of " + OutputFormat.queryNames())))
                .orElseThrow(() -> new IllegalArgumentException("format is required: one of " + OutputFormat.queryNames()));
        Optional<VideoCodec> video = param(query, "vcodec").map(ConversionRequest::videoCodec).or(format::defaultVideoCodec);
        AudioCodec audio = param(query, "acodec").map(ConversionRequest::audioCodec).orElse(format.defaultAudioCodec());
        ConversionRequest request = new ConversionRequest(format, video, audio,
                param(query, "height").map(ConversionRequest::parseHeight).orElse(OptionalInt.empty()),
                param(query, "bitrate").map(ConversionRequest::parseBitrateParam).orElse(OptionalLong.empty()),
                param(query, "t").map(ConversionRequest::parseSeconds).orElse(0.0));
        request.checkEncoders(encoderAvailable);
        return request;
    }

    /** True when the video is re-encoded (not copied, not absent). */
    public boolean encodesVideo() {
        return videoCodec.isPresent() && videoCodec.get() != VideoCodec.COPY;
    }

    /** Parses {@code 800k}, {@code 2M}, {@code 1.5M} or {@code 2500000} into bits per second (k = 1000). */
    static long parseBitrate(String text) {
        Matcher m = BITRATE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bitrate '" + shown(text) + "' is malformed; use e.g. 800k, 2M or 2500000");
        }
        long unit = switch (m.group(2)) {
            case "k", "K" -> 1_000L;
            case "m", "M" -> 1_000_000L;
            default -> 1L;
        };
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bits.compareTo(BigDecimal.valueOf(MAX_BITRATE)) > 0) {
            throw new IllegalArgumentException("bitrate '" + shown(text) + "' is above the maximum of 100M");
        }
        if (bits.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("bitrate '" + shown(text) + "' is not a whole number of bits per second");
        }
        return bits.longValue();
    }

    private static OptionalInt parseHeight(String text) {
        if (!HEIGHT.matcher(text).matches()) {
            throw new IllegalArgumentException("height '" + shown(text) + "' is not a whole number of pixels");
        }
        return OptionalInt.of(Integer.parseInt(text));
    }

    private static OptionalLong parseBitrateParam(String text) {
        return OptionalLong.of(parseBitrate(text));
    }

    private static double parseSeconds(String text) {
        if (!SECONDS.matcher(text).matches()) {
            throw new IllegalArgumentException("t '" + shown(text)
                    + "' is not a start time in seconds >= 0 (use e.g. 90 or 12.5)");
        }
        return Double.parseDouble(text);
    }

    private static VideoCodec videoCodec(String name) {
        return VideoCodec.byQueryName(name)
                .orElseThrow(() -> new IllegalArgumentException("vcodec '" + shown(name) + "' is unknown"));
    }

    private static AudioCodec audioCodec(String name) {
        return AudioCodec.byQueryName(name)
                .orElseThrow(() -> new IllegalArgumentException("acodec '" + shown(name) + "' is unknown"));
    }

    /** A query value as quoted back in an error message: cut short, so a client cannot make us echo a novel. */
    private static String shown(String value) {
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
    }

    private static Optional<String> param(Map<String, String> query, String key) {
        return Optional.ofNullable(query.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static void checkCodecs(OutputFormat format, Optional<VideoCodec> video, AudioCodec audio) {
        if (video.isPresent() != format.hasVideo()) {
            throw new IllegalArgumentException(format.hasVideo()
                    ? "format " + format.extension() + " needs a video codec"
                    : "vcodec is not allowed: format " + format.extension() + " is audio only");
        }
        if (video.isPresent() && !format.allows(video.get())) {
            throw new IllegalArgumentException("vcodec " + video.get().queryName() + " is not allowed in "
                    + format.extension() + "; use one of " + format.videoCodecNames());
        }
        if (!format.allows(audio)) {
            throw new IllegalArgumentException("acodec " + audio.queryName() + " is not allowed in "
                    + format.extension() + "; use one of " + format.audioCodecNames());
        }
    }

    private static void checkHeight(OutputFormat format, Optional<VideoCodec> video, OptionalInt height) {
        if (height.isEmpty()) {
            return;
        }
        int h = height.getAsInt();
        if (!format.hasVideo()) {
            throw new IllegalArgumentException("height is not allowed: format " + format.extension() + " is audio only");
        }
        if (video.orElseThrow() == VideoCodec.COPY) {
            throw new IllegalArgumentException("height needs the video re-encoded; it cannot be combined with vcodec=copy");
        }
        if (h < MIN_HEIGHT || h > MAX_HEIGHT) {
            throw new IllegalArgumentException("height " + h + " is outside " + MIN_HEIGHT + ".." + MAX_HEIGHT);
        }
        if (h % 2 != 0) {
            throw new IllegalArgumentException("height " + h + " must be even (4:2:0 video has even dimensions)");
        }
    }

    private static void checkBitrate(OutputFormat format, Optional<VideoCodec> video, AudioCodec audio, OptionalLong bitrate) {
        if (bitrate.isEmpty()) {
            return;
        }
        long b = bitrate.getAsLong();
        if (b < MIN_BITRATE || b > MAX_BITRATE) {
            throw new IllegalArgumentException("bitrate " + b + " is outside 8k..100M");
        }
        boolean copied = format.hasVideo() ? video.orElseThrow() == VideoCodec.COPY : audio == AudioCodec.COPY;
        if (copied) {
            throw new IllegalArgumentException("bitrate needs re-encoding; it cannot be combined with "
                    + (format.hasVideo() ? "vcodec" : "acodec") + "=copy");
        }
        if (!format.hasVideo() && b > MAX_AUDIO_BITRATE) {
            throw new IllegalArgumentException("bitrate " + b + " is above 512k, the maximum for audio-only formats");
        }
    }

    private void checkEncoders(Predicate<String> encoderAvailable) {
        videoCodec.flatMap(VideoCodec::encoder).filter(e -> !encoderAvailable.test(e)).ifPresent(e -> {
            throw new IllegalArgumentException("vcodec " + videoCodec.get().queryName()
                    + " is not available: this server's ffmpeg has no " + e + " encoder");
        });
        audioCodec.encoder().filter(e -> !encoderAvailable.test(e)).ifPresent(e -> {
            throw new IllegalArgumentException("acodec " + audioCodec.queryName()
                    + " is not available: this server's ffmpeg has no " + e + " encoder");
        });
    }
}
