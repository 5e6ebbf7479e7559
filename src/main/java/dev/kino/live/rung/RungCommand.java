package dev.kino.live.rung;

import dev.kino.transcode.FfmpegTools;
import java.util.ArrayList;
import java.util.List;

/** The rung's ffmpeg command line: a live stream on stdin, H.264/AAC fragmented MP4 on stdout. Pure argv. */
final class RungCommand {
    /**
     * A keyframe every 2 s, whatever the source's frame rate (a browser's varies), counted from the last one: after a
     * gap (the hub skipped the rung ahead) one keyframe, not one per 2 s missed as {@code gte(t,n_forced*2)} makes.
     */
    static final String KEYFRAMES = "expr:if(isnan(prev_forced_t),1,gte(t,prev_forced_t+2))";
    /** Fragments of at most 200 ms (and one at each keyframe), short enough to serve as LL-HLS parts. */
    static final String FRAGMENT_MICROS = "200000";

    private RungCommand() {}

    /**
     * ffmpeg reading {@code demuxer} ({@code matroska}, {@code mp4}) from {@code pipe:0} and writing fragmented MP4 to
     * {@code pipe:1}, {@code -progress} lines to stderr. The first video stream becomes H.264 (x264 {@code veryfast},
     * {@code zerolatency}: no B-frames, no look-ahead; at most 1080 lines), the first audio stream AAC; either may be
     * missing (audio-only WebM becomes AAC only). Frames keep their own timestamps ({@code passthrough}): a source that
     * skipped ahead leaves a gap rather than frames made up to fill it, and a browser's uneven frame times stay as
     * they were.
     */
    static List<String> argv(FfmpegTools tools, String demuxer) {
        List<String> a = new ArrayList<>(List.of(tools.ffmpeg().toString(),
                "-hide_banner", "-loglevel", "error", "-progress", "pipe:2", "-nostats"));
        // the stream's header says what its tracks are: a short probe, so the first fragment comes soon
        a.addAll(List.of("-probesize", "65536", "-analyzeduration", "500000",
                "-f", demuxer, "-i", "pipe:0", "-map", "0:V:0?", "-map", "0:a:0?"));
        a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-vf", "scale=-2:'2*trunc(min(ih,1080)/2)'", "-crf", "23", "-maxrate", "6M", "-bufsize", "6M",
                "-force_key_frames", KEYFRAMES, "-fps_mode", "passthrough",
                // the encoder on the source's clock (WebM: ms), not on 1/frame rate, where a browser's uneven frames
                // collide; "-1" is the form ffmpeg 5.1 knows, which 6.1 still takes ("demux")
                "-enc_time_base:v", "-1"));
        a.addAll(List.of("-c:a", "aac", "-b:a", "128k"));
        a.addAll(List.of("-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe",
                "-frag_duration", FRAGMENT_MICROS, "-flush_packets", "1", "pipe:1"));
        return List.copyOf(a);
    }
}
