package dev.kino.container.flv;

import dev.kino.container.ContainerListener;
import dev.kino.container.ParseException;
import dev.kino.container.mp4.AacConfig;
import dev.kino.container.mp4.Fmp4Writer;
import dev.kino.container.mp4.VideoConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers FLV samples (decode times in ms) into fragmented MP4: the init segment once the first frame follows the
 * decoder configurations, then a fragment at every video keyframe, or earlier once a fragment spans
 * {@code fragmentMillis}. A sample's duration is known when the next of its track arrives, so the last video sample
 * waits for it. A configuration that changes (or a track that appears) re-initialises. Pure.
 */
final class Fmp4Packager {
    private static final int AAC_FRAME = 1024;
    private static final long FPS_AFTER_MILLIS = 1000;

    private final ContainerListener listener;
    private final int fragmentMillis;
    private VideoConfig video;
    private AacConfig audio;
    private boolean initialised;
    private boolean initHasVideo;
    private OnMetaData metadata = OnMetaData.NONE;
    private int[] reportedInfo;
    private int[] codedSize; // from the current init's parameter set (or AV1 sequence header); null if it has none

    private long sequence;
    private final List<Fmp4Writer.Sample> videoRun = new ArrayList<>();
    private long videoRunStart;
    private final List<Fmp4Writer.Sample> audioRun = new ArrayList<>();
    private long audioRunStart; // in samples
    private long audioRunStartMillis;
    private long audioNext = -1; // where the next AAC frame falls on the audio timeline (samples)

    private Held held; // the last video sample, waiting for its duration
    private long lastVideoDts = Long.MIN_VALUE;
    private int lastDuration = 33;
    private long firstVideoDts = -1;
    private long videoSamples;

    private record Held(long dts, int cts, boolean sync, byte[] data) {}

    Fmp4Packager(ContainerListener listener, int fragmentMillis) {
        this.listener = listener;
        this.fragmentMillis = fragmentMillis;
    }

    void videoConfig(VideoConfig config) throws ParseException {
        if (config.equals(video)) {
            return; // encoders repeat the sequence header; nothing changed
        }
        if (initialised) {
            reinitialise();
        }
        video = config;
    }

    void audioConfig(AacConfig config) throws ParseException {
        if (config.equals(audio)) {
            return;
        }
        if (initialised) {
            reinitialise();
        }
        audio = config;
    }

    void metadata(OnMetaData m) {
        metadata = m;
        if (initialised) {
            reportInfo();
        }
    }

    void videoFrame(long dtsMillis, int ctsOffset, boolean keyframe, byte[] data) throws ParseException {
        if (video == null) {
            return; // before its configuration: nothing can decode it
        }
        ensureInit();
        long dts = dtsMillis <= lastVideoDts ? lastVideoDts + 1 : dtsMillis; // decode times never go back
        if (held != null) {
            int duration = (int) Math.min(Integer.MAX_VALUE, dts - held.dts());
            lastDuration = duration;
            addVideo(held, duration);
        }
        if (!videoRun.isEmpty() && (keyframe || dts - videoRunStart >= fragmentMillis)) {
            flush();
        }
        byte[] sample = video.coding() == VideoConfig.Coding.AV1 ? VideoConfig.withoutTemporalDelimiters(data) : data;
        held = new Held(dts, ctsOffset, keyframe, sample);
        lastVideoDts = dts;
        countFrameRate(dts);
    }

    void audioFrame(long ptsMillis, byte[] data) throws ParseException {
        if (audio == null) {
            return; // before its configuration
        }
        ensureInit();
        long at = ptsMillis * audio.sampleRate() / 1000;
        if (audioNext < 0 || Math.abs(at - audioNext) >= AAC_FRAME) {
            audioNext = at; // the first frame, or a gap: follow the stream's clock
        }
        if (audioRun.isEmpty()) {
            audioRunStart = audioNext;
            audioRunStartMillis = ptsMillis;
        }
        audioRun.add(new Fmp4Writer.Sample(AAC_FRAME, 0, true, data));
        audioNext += AAC_FRAME;
        if (!initHasVideo && ptsMillis - audioRunStartMillis >= fragmentMillis) {
            flush();
        }
    }

    /** The input ended: the last video sample gets the previous duration, and what is pending goes out. */
    void end() {
        if (held != null) {
            addVideo(held, lastDuration);
            held = null;
        }
        flush();
    }

    private void addVideo(Held h, int duration) {
        if (videoRun.isEmpty()) {
            videoRunStart = h.dts();
        }
        videoRun.add(new Fmp4Writer.Sample(Math.max(1, duration), h.cts(), h.sync(), h.data()));
    }

    private void flush() {
        if (videoRun.isEmpty() && audioRun.isEmpty()) {
            return;
        }
        List<Fmp4Writer.Run> runs = new ArrayList<>(2);
        if (!videoRun.isEmpty()) {
            runs.add(new Fmp4Writer.Run(Fmp4Writer.VIDEO_TRACK, videoRunStart, List.copyOf(videoRun)));
        }
        if (!audioRun.isEmpty()) {
            runs.add(new Fmp4Writer.Run(Fmp4Writer.AUDIO_TRACK, audioRunStart, List.copyOf(audioRun)));
        }
        boolean keyframe = videoRun.isEmpty() ? !initHasVideo : videoRun.get(0).sync();
        long startMillis = videoRun.isEmpty() ? audioRunStartMillis : videoRunStart;
        listener.onFragment(Fmp4Writer.fragment(++sequence, runs), keyframe, startMillis);
        videoRun.clear();
        audioRun.clear();
    }

    private void ensureInit() throws ParseException {
        if (initialised) {
            return;
        }
        codedSize = video == null ? null : video.pictureSize().orElse(null);
        listener.onInit(Fmp4Writer.init(video, width(), height(), audio), mimeType());
        initialised = true;
        initHasVideo = video != null;
        reportedInfo = null;
        reportInfo();
    }

    private String mimeType() throws ParseException {
        List<String> codecs = new ArrayList<>(2);
        if (video != null) {
            codecs.add(video.codec());
        }
        if (audio != null) {
            codecs.add(audio.codec());
        }
        return (video != null ? "video" : "audio") + "/mp4; codecs=\"" + String.join(", ", codecs) + "\"";
    }

    /** A new configuration: what is pending goes out under the old init, and the next frame brings a new one. */
    private void reinitialise() {
        end();
        initialised = false;
        audioNext = -1;
        firstVideoDts = -1;
        videoSamples = 0;
    }

    private void countFrameRate(long dts) {
        if (firstVideoDts < 0) {
            firstVideoDts = dts;
        }
        videoSamples++;
        if (metadata.framesPerSecond() <= 0 && dts - firstVideoDts >= FPS_AFTER_MILLIS && reportedInfo != null
                && reportedInfo[2] == 0) {
            reportInfo();
        }
    }

    /** Tells the listener the picture size and frame rate, when known and changed. */
    private void reportInfo() {
        if (!initHasVideo) {
            return;
        }
        int width = width();
        int height = height();
        double fps = metadata.framesPerSecond() > 0 ? metadata.framesPerSecond() : estimatedFps();
        int[] info = {width, height, (int) Math.round(fps * 1000)};
        if (reportedInfo != null && java.util.Arrays.equals(info, reportedInfo)) {
            return;
        }
        reportedInfo = info;
        if (width > 0 || fps > 0) {
            listener.onVideoInfo(width, height, fps);
        }
    }

    /** The picture size the configuration codes, else what the metadata says (0 if neither). */
    private int width() {
        return codedSize != null ? codedSize[0] : metadata.width();
    }

    private int height() {
        return codedSize != null ? codedSize[1] : metadata.height();
    }

    private double estimatedFps() {
        long span = lastVideoDts - firstVideoDts;
        return firstVideoDts < 0 || span < FPS_AFTER_MILLIS ? 0 : Math.round((videoSamples - 1) * 1000.0 / span * 100) / 100.0;
    }
}
