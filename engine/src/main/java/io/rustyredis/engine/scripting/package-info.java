/**
 * Lua scripting with Redis 7.0's semantics on luaj, a pure-Java Lua VM: EVAL scripts and FUNCTION
 * libraries run on the engine thread, in a sandbox, with Redis's conversions between RESP and Lua
 * values and Redis's error texts.
 *
 * <p>luaj implements Lua 5.2 and ships only the standard libraries, so what Redis's embedded Lua 5.1
 * has on top is written here by hand, each small and matching the C library Redis bundles byte for
 * byte where scripts can observe it: {@code cjson} (lua-cjson 2.1), {@code cmsgpack}
 * (lua-cmsgpack), {@code bit} (LuaBitOp) and {@code struct}. Binding the C libraries is not an
 * option on the JVM, and the Java ports found elsewhere differ from Redis in exactly the details
 * (number format, empty-table encoding, error texts) that scripts and tests depend on. The 5.1 parts
 * of the base library Redis keeps ({@code loadstring}, {@code unpack}, {@code gcinfo}) and 5.1's
 * error positions ({@code user_script:1: ...}) are restored in {@link
 * io.rustyredis.engine.scripting.LuaState}.
 *
 * <p>A script that loops forever cannot be stopped by the engine thread itself: the {@link
 * io.rustyredis.engine.scripting.ScriptWatchdog} is shared with the I/O threads, which answer BUSY
 * and SCRIPT KILL while the engine is busy, and the script's instruction hook checks it.
 */
package io.rustyredis.engine.scripting;
