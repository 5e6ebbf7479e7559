package dev.kino.transcode;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks, for one file and one browser, the cheapest way that works, as Jellyfin's DirectPlay / DirectStream /
 * Transcode: the file as it is; its video copied into HLS (MPEG-TS segments; the audio copied too, or made AAC); or
 * everything transcoded to H.264/AAC HLS. The browser's abilities are what its page measured. Pure.
 */
public final class PlaybackPlanner {
    /** How a file will be played. */
    public enum Method { DIRECT, REMUX, TRANSCODE }

    /** The decision, with whether a remux may copy the audio, and why, in words for the player page. */
    public record Plan(Method method, boolean copyAudio, String reason) {}

    /**
     * What the browser said it can do: for direct playback (canPlayType) and for HLS (native, or MSE through
     * hls.js, which turns MPEG-TS into fragmented MP4).
     */
    public record Capabilities(Set<String> directContainers, Set<String> directVideo, Set<String> directAudio,
                               boolean hlsNative, boolean hlsMse, Set<String> hlsVideo, Set<String> hlsAudio) {
        boolean hls() {
            return hlsNative || hlsMse;
        }
    }

    /**
     * What remux segments (MPEG-TS) can carry for the players: hls.js 1.4 reads only H.264, AAC and MP3 from TS, and
     * Apple's HLS takes HEVC only in fragmented MP4. Remux segments copy AAC and MP3 and make any other audio AAC.
     */
    private static final Set<String> TS_VIDEO = Set.of("h264");
    private static final Set<String> TS_AUDIO = Set.of("aac", "mp3");

    private static final Map<String, String> CONTAINERS = Map.ofEntries(
            Map.entry("mp4", "mp4"), Map.entry("m4v", "mp4"), Map.entry("m4a", "m4a"), Map.entry("webm", "webm"),
            Map.entry("weba", "webm"), Map.entry("ogg", "ogg"), Map.entry("oga", "ogg"), Map.entry("ogv", "ogg"),
            Map.entry("opus", "ogg"), Map.entry("mp3", "mp3"), Map.entry("wav", "wav"), Map.entry("flac", "flac"));

    private PlaybackPlanner() {}

    /** The container family of a file name as the browser sees it, or the extension itself (mkv, avi…). */
    public static String container(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTAINERS.getOrDefault(ext, ext);
    }

    /**
     * @param videoCodec ffprobe's name of the video codec, null for audio files
     * @param audioCodec ffprobe's name of the audio codec, null for silent files
     * @param probed     whether ffprobe has read the file (if not, a browser-friendly container is tried as is)
     */
    public static Plan plan(String container, String videoCodec, String audioCodec, boolean probed, Capabilities caps) {
        String label = container.toUpperCase(Locale.ROOT);
        if (!probed) {
            return directContainer(container, caps)
                    ? new Plan(Method.DIRECT, false, "the file has not been analysed yet; " + label + " is tried as it is")
                    : new Plan(Method.TRANSCODE, false, "the file has not been analysed yet; transcoding to be safe");
        }
        if (directContainer(container, caps) && plays(videoCodec, caps.directVideo()) && plays(audioCodec, caps.directAudio())) {
            return new Plan(Method.DIRECT, false, "this browser plays " + label + " with " + codecs(videoCodec, audioCodec) + " as it is");
        }
        if (!caps.hls()) {
            return new Plan(Method.TRANSCODE, false, "this browser has neither HLS nor Media Source Extensions");
        }
        boolean copyAudio = audioCodec == null || TS_AUDIO.contains(audioCodec);
        boolean audioOk = copyAudio ? audioCodec == null || caps.hlsAudio().contains(audioCodec) : caps.hlsAudio().contains("aac");
        if (videoCodec != null && TS_VIDEO.contains(videoCodec) && caps.hlsVideo().contains(videoCodec) && audioOk) {
            return new Plan(Method.REMUX, copyAudio, "the browser decodes " + name(videoCodec) + " but not in " + label
                    + ": the video is copied into HLS" + (copyAudio ? "" : ", the " + name(audioCodec) + " audio made AAC"));
        }
        String what = videoCodec == null ? name(audioCodec) + " audio" : name(videoCodec) + " video";
        return new Plan(Method.TRANSCODE, false, "this browser cannot decode " + what + ": transcoding to H.264/AAC");
    }

    /**
     * The plan for a source that is still arriving (a torrent file downloading). A remux cuts its segments at the
     * source's keyframes, and listing them reads the whole file, i.e. waits for the whole download; a transcode cuts
     * every few seconds wherever it likes and reads only what each segment needs. So a remux becomes a transcode.
     */
    public static Plan whileArriving(Plan plan) {
        return plan.method() != Method.REMUX ? plan : new Plan(Method.TRANSCODE, false,
                "the file is still downloading, and copying its video into HLS needs the keyframes of the whole file: "
                        + "transcoding to H.264/AAC");
    }

    private static boolean directContainer(String container, Capabilities caps) {
        Set<String> c = caps.directContainers();
        return c.contains(container) || (container.equals("m4a") && c.contains("mp4"));
    }

    private static boolean plays(String codec, Set<String> supported) {
        return codec == null || supported.contains(codec) || (codec.startsWith("pcm_") && supported.contains("pcm"));
    }

    private static String codecs(String video, String audio) {
        if (video == null) {
            return name(audio);
        }
        return audio == null ? name(video) : name(video) + " and " + name(audio);
    }

    private static String name(String codec) {
        return codec == null ? "no" : switch (codec) {
            case "h264" -> "H.264";
            case "hevc" -> "HEVC";
            case "mpeg4" -> "MPEG-4 Part 2";
            case "mpeg2video" -> "MPEG-2";
            case "aac" -> "AAC";
            case "mp3" -> "MP3";
            case "ac3" -> "AC-3";
            case "eac3" -> "E-AC-3";
            case "dts" -> "DTS";
            default -> codec.toUpperCase(Locale.ROOT);
        };
    }
}
