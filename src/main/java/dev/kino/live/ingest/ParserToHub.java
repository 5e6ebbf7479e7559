package dev.kino.live.ingest;

import dev.kino.container.ContainerListener;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.VideoInfo;

/** Hands what a container parser finds to a live stream, stamping each unit with its arrival time. */
public final class ParserToHub implements ContainerListener {
    private final LiveStream stream;
    private final String publisherId;
    private long units; // handed to the stream so far: the parser holds nothing of what came before the last one

    public ParserToHub(LiveStream stream, String publisherId) {
        this.stream = stream;
        this.publisherId = publisherId;
    }

    @Override
    public void onInit(byte[] init, String mimeType) {
        units++;
        stream.publish(MediaUnit.init(init, mimeType, System.nanoTime()));
    }

    /** How many units (init segments and fragments) have gone to the stream. */
    long units() {
        return units;
    }

    @Override
    public void onFragment(byte[] fragment, boolean keyframe, long timestampMillis) {
        units++;
        stream.publish(MediaUnit.fragment(fragment, keyframe, timestampMillis, System.nanoTime()));
    }

    @Override
    public void onVideoInfo(int width, int height, double framesPerSecond) {
        stream.describe(publisherId, new VideoInfo(width, height, framesPerSecond));
    }
}
