package dev.kino.torrent;

import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import bt.metainfo.TorrentId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A torrent's metadata as Kino uses it: parsed by Bt, its names checked, its bytes kept for the next start. */
final class Metainfo {
    private static final MetadataService PARSER = new MetadataService();

    private Metainfo() {}

    /** Parses {@code .torrent} bytes (or a bare info dictionary), refusing hostile names. */
    static Torrent parse(byte[] bytes) throws TorrentException {
        Torrent torrent;
        try {
            torrent = PARSER.fromByteArray(bytes);
        } catch (RuntimeException e) {
            throw new TorrentException(TorrentException.Kind.BAD_INPUT, "not a torrent file: " + firstLine(e), e);
        }
        Optional<String> hostile = hostileName(torrent);
        if (hostile.isPresent()) {
            throw new TorrentException(TorrentException.Kind.BAD_INPUT, "refused torrent: " + hostile.get());
        }
        return torrent;
    }

    /** Why the torrent's names may not become files, or empty when they may. */
    static Optional<String> hostileName(Torrent torrent) {
        if (torrent.getFiles().size() > 1) {
            Optional<String> p = SafeNames.problem(torrent.getName());
            if (p.isPresent()) {
                return p;
            }
        }
        for (TorrentFile f : torrent.getFiles()) {
            Optional<String> p = SafeNames.problem(f.getPathElements());
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The {@code .torrent} bytes to store: the original file, or the info dictionary from the swarm with trackers. */
    static byte[] fileBytes(Torrent torrent, Collection<String> trackers) {
        Optional<byte[]> original = torrent.getSource().getMetadata();
        if (original.isPresent()) {
            return original.get();
        }
        Map<String, Object> root = new LinkedHashMap<>();
        if (!trackers.isEmpty()) {
            List<String> all = List.copyOf(trackers);
            root.put("announce", all.get(0));
            List<List<String>> tiers = new ArrayList<>();
            all.forEach(t -> tiers.add(List.of(t)));
            root.put("announce-list", tiers);
        }
        root.put("info", new Bencode.Raw(torrent.getSource().getExchangedMetadata()));
        return Bencode.encode(root);
    }

    static String infoHash(TorrentId id) {
        return HexFormat.of().formatHex(id.getBytes());
    }

    /** The path of a file inside the torrent, '/'-separated, without the torrent's own folder. */
    static String displayPath(TorrentFile file) {
        return String.join("/", file.getPathElements());
    }

    /** Where Bt's {@code FileSystemStorage} rooted at {@code root} keeps a file of an accepted torrent. */
    static Path location(Path root, Torrent torrent, TorrentFile file) {
        Path dir = torrent.getFiles().size() == 1 ? root : root.resolve(torrent.getName());
        for (String element : file.getPathElements()) {
            dir = dir.resolve(element);
        }
        return dir;
    }

    private static String firstLine(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
