package io.rustyredis.engine.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyredis.engine.EngineHarness;
import io.rustyredis.engine.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aclfile: read at start, ACL SAVE and ACL LOAD, with Redis 7.0.15's file format and errors. */
class AclFileTest {
  private static final String BOB = "user bob on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 "
      + "~b* resetchannels -@all +get";

  private static EngineHarness withFile(final Path file) {
    final Config config = new Config();
    config.set("aclfile", file.toString());
    return new EngineHarness(config);
  }

  private static String bulk(final String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  @Test
  void usersAreReadAtStartAndSavedBack(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("users.acl");
    Files.writeString(file, "user default on nopass ~* &* +@all\nuser bob on >pw ~b* +get\n");
    final EngineHarness h = withFile(file);
    assertEquals("*2\r\n" + bulk(BOB) + bulk("user default on nopass ~* &* +@all"), h.run("ACL", "LIST"));
    h.run("ACL", "SETUSER", "carl", "on", ">x", "+set");
    assertEquals("+OK\r\n", h.run("ACL", "SAVE"));
    assertEquals(BOB + "\nuser carl on #2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 "
        + "resetchannels -@all +set\nuser default on nopass ~* &* +@all\n", Files.readString(file));
  }

  @Test
  void loadReplacesTheUsersOnlyWhenTheWholeFileIsValid(@TempDir final Path dir) throws IOException {
    final Path file = dir.resolve("users.acl");
    Files.writeString(file, "user bob on >pw ~b* +get\n");
    final EngineHarness h = withFile(file);
    Files.writeString(file, "user default on nopass ~* &* +@all\nuser bob on >pw ~b* +nope\n");
    assertEquals("-ERR " + file + ":2: Error in applying operation '+nope': Unknown command or category name in "
        + "ACL. WARNING: ACL errors detected, no change to the previously active ACL rules was performed\r\n",
        h.run("ACL", "LOAD"));
    Files.writeString(file, "foo\n");
    assertEquals("-ERR " + file + ":1 should start with user keyword followed by the username. WARNING: ACL "
        + "errors detected, no change to the previously active ACL rules was performed\r\n", h.run("ACL", "LOAD"));
    Files.writeString(file, "user default on nopass ~* &* +@all\nuser bob on\nuser bob off\n");
    assertEquals("-ERR WARNING: Duplicate user 'bob' found on line 3. WARNING: ACL errors detected, no change to "
        + "the previously active ACL rules was performed\r\n", h.run("ACL", "LOAD"));
    assertEquals("*2\r\n" + bulk("bob") + bulk("default"), h.run("ACL", "USERS"));
    Files.writeString(file, "user default on nopass ~* &* +@all\nuser zed on nopass\n");
    assertEquals("+OK\r\n", h.run("ACL", "LOAD"));
    assertEquals("*2\r\n" + bulk("default") + bulk("zed"), h.run("ACL", "USERS"));
  }
}
