package dev.kino.container.mp4;

import java.util.List;

/**
 * What the parser keeps from {@code moov}: the audio and video tracks, video first, and the MSE type built from them.
 */
record InitSegment(List<Track> tracks, String mimeType) {
    InitSegment {
        tracks = List.copyOf(tracks);
    }

    /** The track whose fragments decide keyframes and timestamps: the first video track, else the first audio track. */
    Track timingTrack() {
        return tracks.getFirst();
    }

    /** The track with this {@code track_ID}, or null (a track that is neither audio nor video). */
    Track track(int id) {
        for (Track t : tracks) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }
}
