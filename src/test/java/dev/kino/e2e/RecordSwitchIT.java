package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Record switch on /live, in Chromium: it turns recording on for the stream, and says so after the refresh. */
class RecordSwitchIT {
    @TempDir
    Path dir;

    @Test
    void theRecordSwitchTurnsRecordingOn() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of());
             Playwright pw = Browsers.playwright();
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            String cookie = server.loginAdmin();
            assertEquals(201, server.post("/api/streams", "{\"name\":\"web1\"}", cookie).statusCode());
            Page page = browser.newPage();
            Browsers.logInAsAdmin(page, server);
            List<String> errors = Browsers.consoleErrors(page); // from here: the login page's own 401 is not ours
            page.navigate(server.url("/live"));
            String box = "tr[data-stream=web1] input[type=checkbox]";
            page.waitForSelector(box);
            assertTrue(!page.isChecked(box), "off at first");
            page.click(box);
            page.waitForSelector("tr[data-stream=web1] .stream-record:has-text('on')");
            assertTrue(server.stream("web1", cookie).getBoolean("record"), "the server records it now");
            assertTrue(page.isChecked(box), "and the switch shows it after the refresh");
            assertEquals(List.of(), errors);
        }
    }
}
