package dev.kino.container.webm;

import dev.kino.container.ContainerListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects the parser's events in order. */
final class RecordingListener implements ContainerListener {
    /** One event: an init ({@code mimeType} set) or a fragment. */
    record Event(byte[] bytes, String mimeType, boolean keyframe, long timestampMillis) {
        boolean isInit() {
            return mimeType != null;
        }

        /** A comparable summary: kind, fields, length and a hash of the bytes. */
        String describe() {
            String data = bytes.length + " bytes #" + Integer.toHexString(Arrays.hashCode(bytes));
            return isInit() ? "init " + mimeType + " " + data
                    : "fragment key=" + keyframe + " ts=" + timestampMillis + " " + data;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void onInit(byte[] init, String mimeType) {
        events.add(new Event(init, mimeType, false, 0));
    }

    @Override
    public void onFragment(byte[] fragment, boolean keyframe, long timestampMillis) {
        events.add(new Event(fragment, null, keyframe, timestampMillis));
    }

    List<Event> inits() {
        return events.stream().filter(Event::isInit).toList();
    }

    List<Event> fragments() {
        return events.stream().filter(e -> !e.isInit()).toList();
    }

    /** Every init and fragment, concatenated: what a player appending them all would have. */
    byte[] concatenated() {
        return Ebml.cat(events.stream().map(Event::bytes).toArray(byte[][]::new));
    }

    List<String> described() {
        return events.stream().map(Event::describe).toList();
    }
}
