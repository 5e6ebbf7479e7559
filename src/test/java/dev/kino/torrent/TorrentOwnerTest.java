package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.store.Database;
import dev.kino.store.TorrentStore;
import dev.kino.store.User;
import dev.kino.store.UserStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service keeps who added a torrent across restarts; a row with no owner (stored before V7, or of an account
 * since removed) is the admins' alone.
 */
@Timeout(60)
class TorrentOwnerTest {
    static final User BOB = new User(2, "bob", false);
    static final User ADMIN = new User(3, "root", true);

    @TempDir
    Path dir;

    @Test
    void theOwnerSurvivesARestartAndARowWithoutOneIsTheAdmins() throws Exception {
        Path data = dir.resolve("data");
        String hash;
        try (TorrentService torrents = TestTorrents.start(data)) {
            TorrentView added = torrents.addTorrentFile(TestMetainfo.singleFile("a.mkv", new byte[100]), TestTorrents.ALICE);
            hash = added.infoHash();
            assertEquals(TestTorrents.ALICE.id(), added.ownerId());
            assertEquals("alice", added.addedBy());
            assertTrue(added.visibleTo(TestTorrents.ALICE));
            assertFalse(added.visibleTo(BOB));
            assertTrue(added.visibleTo(ADMIN));
        }
        try (TorrentService torrents = TestTorrents.start(data)) {
            TorrentView again = torrents.get(hash).orElseThrow();
            assertEquals(TestTorrents.ALICE.id(), again.ownerId(), "read back from the database");
            assertFalse(again.visibleTo(BOB));
        }

        Database db = Database.open(data);
        db.jdbi().useHandle(h -> h.execute("UPDATE torrents SET owner_id = NULL"));
        try (TorrentService torrents = TestTorrents.start(data)) {
            TorrentView legacy = torrents.get(hash).orElseThrow();
            assertNull(legacy.ownerId());
            assertFalse(legacy.visibleTo(TestTorrents.ALICE), "a row without an owner is not its adder's by name");
            assertTrue(legacy.visibleTo(ADMIN));
        }
    }

    @Test
    void removingTheAccountLeavesItsTorrentsToTheAdmins() throws Exception {
        Path data = dir.resolve("data");
        String hash;
        try (TorrentService torrents = TestTorrents.start(data)) {
            hash = torrents.addTorrentFile(TestMetainfo.singleFile("b.mkv", new byte[100]), TestTorrents.ALICE).infoHash();
        }
        Database db = Database.open(data);
        assertTrue(new UserStore(db).delete("alice"));
        TorrentStore.TorrentRow row = new TorrentStore(db).find(hash).orElseThrow();
        assertNull(row.ownerId(), "ON DELETE SET NULL: a later account of the same name gets nothing");
        assertEquals("alice", row.addedBy());
    }
}
