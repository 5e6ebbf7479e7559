package dev.kino.transcode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds ffmpeg and ffprobe command lines as argv lists (no shell, no I/O). Inputs and outputs are passed as
 * {@code file:} URLs of absolute paths, so a file called {@code concat:x} or {@code -y} is still just a file.
 */
public final class FfmpegCommand {
    /** A keyframe at least every 2 s: with {@code frag_keyframe} that bounds the latency of each MP4 fragment. */
    static final String KEYFRAMES = "expr:gte(t,n_forced*2)";
    /** MP4 fragment length in microseconds; also cuts audio-only MP4, where {@code frag_keyframe} never fires. */
    static final String FRAGMENT_MICROS = "2000000";
    static final int MIN_THUMBNAIL_WIDTH = 16;
    static final int MAX_THUMBNAIL_WIDTH = 7680;

    /** Just over the 3/23 s that ffmpeg's input seek subtracts for video with B-frames (fftools, seek_to_start). */
    private static final double REMUX_SEEK_PAST = 0.14;

    private FfmpegCommand() {}

    /**
     * ffmpeg converting {@code input} as {@code request} says, writing a streamable file to stdout ({@code pipe:1})
     * and {@code -progress} lines to stderr. Picks the first video stream that is not cover art and the first audio
     * stream; either may be missing from the input.
     */
    public static List<String> convert(FfmpegTools tools, Path input, ConversionRequest request) {
        List<String> a = new ArrayList<>(List.of(tools.ffmpeg().toString(),
                "-nostdin", "-hide_banner", "-loglevel", "error", "-progress", "pipe:2", "-nostats"));
        if (request.startSeconds() > 0) {
            a.addAll(List.of("-ss", seconds(request.startSeconds()))); // before -i: seek the input, don't decode to t
        }
        a.addAll(List.of("-i", fileUrl(input)));
        OutputFormat format = request.format();
        if (format.hasVideo()) {
            a.addAll(List.of("-map", "0:V:0?")); // capital V: skips attached pictures (cover art)
        }
        a.addAll(List.of("-map", "0:a:0?"));
        if (format.hasVideo()) {
            addVideo(a, request);
        } else {
            a.add("-vn");
        }
        addAudio(a, request);
        // tags are copied from the input, but a Matroska source's per-stream DURATION would be stale (t > 0) and a pipe
        // gets no duration of its own; players would show the wrong length. Titles and languages stay.
        a.addAll(List.of("-metadata:s", "DURATION="));
        addMuxer(a, format);
        a.add("pipe:1");
        return List.copyOf(a);
    }

    /**
     * ffmpeg making segment [start, start + duration) of an HLS rendition as MPEG-TS on stdout, keeping the source's
     * timestamps ({@code -copyts}) so that segments from separate runs join up. TRANSCODE seeks exactly (decoding
     * from the keyframe before) and makes H.264 (at most 1080 lines, no B-frames) plus AAC. REMUX copies the video,
     * so {@code start} must be a keyframe: ffmpeg's input seek aims 3/23 s before the target when the video has
     * B-frames, so the target is set just past that; the cut ends just before {@code decodeEnd}, the decode time of
     * the next segment's keyframe, so no frame is in two segments. Audio is copied when {@code copyAudio}, else made
     * stereo AAC.
     */
    public static List<String> hlsSegment(FfmpegTools tools, MediaSource input, HlsMode mode, boolean copyAudio, double start,
                                          double duration, double decodeEnd) {
        List<String> a = new ArrayList<>(List.of(tools.ffmpeg().toString(),
                "-nostdin", "-hide_banner", "-loglevel", "error", "-progress", "pipe:2", "-nostats"));
        if (mode == HlsMode.REMUX) {
            double seek = start + REMUX_SEEK_PAST;
            a.addAll(List.of("-ss", seconds(seek), "-t", seconds(Math.max(0.001, decodeEnd - seek - 0.0005))));
        } else {
            a.addAll(List.of("-ss", seconds(start), "-t", seconds(duration)));
        }
        a.add("-copyts");
        a.addAll(input.inputOptions());
        a.addAll(List.of("-i", input.input(), "-map", "0:V:0?", "-map", "0:a:0?"));
        if (mode == HlsMode.REMUX) {
            a.addAll(List.of("-c:v", "copy"));
        } else {
            a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-bf", "0", "-pix_fmt", "yuv420p",
                    "-vf", "scale=-2:'min(ih,1080)'", "-crf", "23", "-maxrate", "8M", "-bufsize", "16M"));
        }
        if (copyAudio) {
            a.addAll(List.of("-c:a", "copy"));
        } else {
            a.addAll(List.of("-c:a", "aac", "-ac", "2", "-ar", "48000", "-b:a", "160k"));
        }
        a.addAll(List.of("-muxdelay", "0", "-muxpreload", "0", "-f", "mpegts", "pipe:1"));
        return List.copyOf(a);
    }

    /** ffprobe listing the first video stream's packets as {@code pts_time,dts_time,flags} lines, then the start time. */
    public static List<String> keyframes(FfmpegTools tools, MediaSource input) {
        List<String> a = new ArrayList<>(List.of(tools.ffprobe().toString(), "-v", "error"));
        a.addAll(input.inputOptions());
        a.addAll(List.of("-select_streams", "V:0", "-show_entries", "packet=pts_time,dts_time,flags:format=start_time",
                "-of", "csv=p=0", input.input()));
        return List.copyOf(a);
    }

    /** ffprobe printing the container and its streams as JSON on stdout. */
    public static List<String> probe(FfmpegTools tools, Path input) {
        return List.of(tools.ffprobe().toString(), "-v", "error", "-print_format", "json", "-show_format",
                "-show_streams", fileUrl(input));
    }

    /**
     * ffmpeg writing one JPEG of the first (non cover art) video stream at {@code atSeconds}, {@code width} pixels
     * wide, to {@code outJpeg} (overwritten). A time past the end leaves no file behind.
     */
    public static List<String> thumbnail(FfmpegTools tools, Path input, double atSeconds, int width, Path outJpeg) {
        if (!Double.isFinite(atSeconds) || atSeconds < 0) {
            throw new IllegalArgumentException("thumbnail time must be >= 0 seconds, not " + atSeconds);
        }
        if (width < MIN_THUMBNAIL_WIDTH || width > MAX_THUMBNAIL_WIDTH) {
            throw new IllegalArgumentException("thumbnail width " + width + " is outside "
                    + MIN_THUMBNAIL_WIDTH + ".." + MAX_THUMBNAIL_WIDTH);
        }
        List<String> a = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error"));
        if (atSeconds > 0) {
            a.addAll(List.of("-ss", seconds(atSeconds)));
        }
        a.addAll(List.of("-i", fileUrl(input), "-map", "0:V:0", "-frames:v", "1", "-vf", "scale=" + width + ":-2",
                "-c:v", "mjpeg", "-q:v", "3", "-f", "image2", "-update", "1", "-y", fileUrl(outJpeg)));
        return List.copyOf(a);
    }

    /**
     * ffmpeg writing one subtitle stream of {@code input} to stdout as {@code format} ({@code srt}, {@code ass} or
     * {@code webvtt}; text streams only), with the film's own timestamps ({@code -copyts}, as the HLS segments have
     * them). It reads the whole file: subtitles are spread over it.
     */
    public static List<String> subtitle(FfmpegTools tools, Path input, int streamIndex, String format) {
        if (streamIndex < 0 || !List.of("srt", "ass", "webvtt").contains(format)) {
            throw new IllegalArgumentException("subtitle stream " + streamIndex + " as " + format);
        }
        return List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error", "-copyts", "-i", fileUrl(input),
                "-map", "0:" + streamIndex, "-c:s", format, "-f", format, "pipe:1");
    }

    /** ffmpeg listing its encoders on stdout (see {@link FfmpegEncoders#parse}). */
    public static List<String> encoders(FfmpegTools tools) {
        return List.of(tools.ffmpeg().toString(), "-hide_banner", "-encoders");
    }

    private static void addVideo(List<String> a, ConversionRequest request) {
        VideoCodec codec = request.videoCodec().orElseThrow();
        if (codec == VideoCodec.COPY) {
            a.addAll(List.of("-c:v", "copy"));
            return;
        }
        a.addAll(List.of("-c:v", codec.encoder().orElseThrow()));
        a.addAll(encoderOptions(codec, request.format()));
        a.addAll(List.of("-pix_fmt", "yuv420p", "-force_key_frames", KEYFRAMES));
        request.height().ifPresent(h -> a.addAll(List.of("-vf", "scale=-2:" + h)));
        if (request.bitrate().isPresent()) {
            long b = request.bitrate().getAsLong();
            a.addAll(List.of("-b:v", Long.toString(b), "-maxrate", Long.toString(b * 3 / 2), "-bufsize", Long.toString(b * 2)));
        } else {
            a.addAll(defaultQuality(codec));
        }
    }

    /** Speed settings: each encoder tuned to run faster than real time on a small machine. */
    private static List<String> encoderOptions(VideoCodec codec, OutputFormat format) {
        return switch (codec) {
            case H264 -> List.of("-preset", "veryfast");
            case HEVC -> format == OutputFormat.MP4
                    ? List.of("-preset", "veryfast", "-x265-params", "log-level=error", "-tag:v", "hvc1")
                    : List.of("-preset", "veryfast", "-x265-params", "log-level=error");
            case VP8 -> List.of("-deadline", "realtime", "-cpu-used", "8");
            case VP9 -> List.of("-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1");
            case AV1 -> List.of("-preset", "11");
            case MPEG2, FLV1, COPY -> List.of();
        };
    }

    /** Quality targets for when no bitrate is asked for (x264 and x265 default to CRF 23 and 28 on their own). */
    private static List<String> defaultQuality(VideoCodec codec) {
        return switch (codec) {
            case VP8 -> List.of("-crf", "10", "-b:v", "2M"); // libvpx-vp8 needs a bitrate ceiling with CRF
            case VP9 -> List.of("-crf", "33", "-b:v", "0");
            case AV1 -> List.of("-crf", "35");
            case MPEG2, FLV1 -> List.of("-q:v", "4");
            case H264, HEVC, COPY -> List.of();
        };
    }

    private static void addAudio(List<String> a, ConversionRequest request) {
        AudioCodec codec = request.audioCodec();
        if (codec == AudioCodec.COPY) {
            a.addAll(List.of("-c:a", "copy"));
            return;
        }
        a.addAll(List.of("-c:a", codec.encoder().orElseThrow()));
        if (codec == AudioCodec.MP3 || codec == AudioCodec.OPUS || codec == AudioCodec.VORBIS) {
            // stereo for the web; libopus also refuses some surround layouts such as 5.1(side)
            a.addAll(List.of("-ac", "2"));
        }
        if (request.format() == OutputFormat.FLV && codec == AudioCodec.MP3) {
            a.addAll(List.of("-ar", "44100")); // FLV carries MP3 only at 44.1, 22.05 or 11.025 kHz
        }
        if (!request.format().hasVideo() && request.bitrate().isPresent()) {
            a.addAll(List.of("-b:a", Long.toString(request.bitrate().getAsLong())));
        }
    }

    private static void addMuxer(List<String> a, OutputFormat format) {
        a.addAll(List.of("-f", format.muxer()));
        switch (format) {
            case MP4, M4A -> a.addAll(List.of("-movflags", "frag_keyframe+empty_moov+default_base_moof",
                    "-frag_duration", FRAGMENT_MICROS));
            case FLV -> a.addAll(List.of("-flvflags", "no_duration_filesize")); // a pipe cannot be rewound
            case MP3 -> a.addAll(List.of("-write_xing", "0")); // nor can the Xing header be filled in afterwards
            default -> { }
        }
    }

    /** Seconds as ffmpeg reads them: plain decimal, no exponent. */
    static String seconds(double s) {
        return BigDecimal.valueOf(s).stripTrailingZeros().toPlainString();
    }

    private static String fileUrl(Path p) {
        return "file:" + p.toAbsolutePath();
    }
}
