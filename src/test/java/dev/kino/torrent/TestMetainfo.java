package dev.kino.torrent;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code .torrent} files in tests, including ones no honest tool would make. */
final class TestMetainfo {
    static final int PIECE = 16 * 1024;

    /** One file of a multi-file torrent. */
    record Entry(List<String> path, byte[] data) {}

    private TestMetainfo() {}

    static byte[] singleFile(String name, byte[] data) throws Exception {
        return Bencode.encode(Map.of("announce", "http://127.0.0.1:1/announce", "info", singleInfo(name, data)));
    }

    /** A single-file torrent announcing to {@code trackers}: the first as {@code announce}, each a tier of {@code announce-list}. */
    static byte[] singleFile(String name, byte[] data, List<String> trackers) throws Exception {
        List<Object> tiers = trackers.stream().<Object>map(List::of).toList();
        return Bencode.encode(Map.of("announce", trackers.get(0), "announce-list", tiers, "info", singleInfo(name, data)));
    }

    static byte[] multiFile(String name, List<Entry> entries) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Object> files = new ArrayList<>();
        for (Entry e : entries) {
            files.add(Map.of("length", (long) e.data().length, "path", e.path()));
            all.writeBytes(e.data());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", name);
        info.put("files", files);
        info.put("piece length", (long) PIECE);
        info.put("pieces", pieces(all.toByteArray()));
        return Bencode.encode(Map.of("info", info));
    }

    /** Just the bencoded info dictionary of a single-file torrent, as a peer sends it (BEP 9). */
    static byte[] infoOnly(String name, byte[] data) throws Exception {
        return Bencode.encode(singleInfo(name, data));
    }

    private static Map<String, Object> singleInfo(String name, byte[] data) throws Exception {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", name);
        info.put("length", (long) data.length);
        info.put("piece length", (long) PIECE);
        info.put("pieces", pieces(data));
        return info;
    }

    private static byte[] pieces(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < data.length; off += PIECE) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(data, off, Math.min(PIECE, data.length - off));
            out.writeBytes(sha1.digest());
        }
        return out.toByteArray();
    }
}
