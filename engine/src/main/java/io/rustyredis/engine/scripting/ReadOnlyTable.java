package io.rustyredis.engine.scripting;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A Lua table scripts cannot change once {@link #lock}ed: Redis 7.0's read-only tables, used for
 * the globals and every library table, so that a script can neither leave state behind for the
 * next one nor replace {@code redis.call}. Writes raise Redis's error with no position, as Redis's
 * patched Lua does for {@code rawset} and {@code setmetatable}; the globals' {@code __newindex}
 * raises the same text with a position, as a plain assignment does in Redis.
 *
 * <p>It is a {@link Globals} although most instances are plain library tables: luaj runs its debug
 * hooks (our instruction count, see {@link LuaState}) only in functions whose environment is a
 * Globals, and the script's environment is one of these.
 */
class ReadOnlyTable extends Globals {
  static final String READONLY = "Attempt to modify a readonly table";
  private boolean locked;

  final void lock() {
    locked = true;
  }

  /** Sets a field even when locked: for the engine's own per-call globals (KEYS, ARGV). */
  final void define(final String key, final LuaValue value) {
    final boolean was = locked;
    locked = false;
    rawset(LuaValue.valueOf(key), value);
    locked = was;
  }

  private void refuse() {
    if (locked) {
      throw new LuaError(LuaValue.valueOf(READONLY));
    }
  }

  /** An assignment in the script ({@code t.x = 1}): Redis's error with the script's position. */
  @Override
  public void set(final LuaValue key, final LuaValue value) {
    if (locked) {
      throw new LuaError(READONLY);
    }
    super.set(key, value);
  }

  @Override
  public void set(final int key, final LuaValue value) {
    if (locked) {
      throw new LuaError(READONLY);
    }
    super.set(key, value);
  }

  @Override
  public LuaValue setmetatable(final LuaValue metatable) {
    refuse();
    return super.setmetatable(metatable);
  }

  @Override
  public void rawset(final int key, final LuaValue value) {
    refuse();
    super.rawset(key, value);
  }

  @Override
  public void rawset(final LuaValue key, final LuaValue value) {
    refuse();
    super.rawset(key, value);
  }

  @Override
  public void hashset(final LuaValue key, final LuaValue value) {
    refuse();
    super.hashset(key, value);
  }

  @Override
  public void insert(final int pos, final LuaValue value) {
    refuse();
    super.insert(pos, value);
  }

  @Override
  public LuaValue remove(final int pos) {
    refuse();
    return super.remove(pos);
  }

  /** A locked copy of {@code source}'s fields, leaving out {@code omit}. */
  static ReadOnlyTable copyOf(final LuaTable source, final String... omit) {
    final ReadOnlyTable copy = new ReadOnlyTable();
    LuaValue k = LuaValue.NIL;
    while (true) {
      final org.luaj.vm2.Varargs next = source.next(k);
      if ((k = next.arg1()).isnil()) {
        break;
      }
      copy.rawset(k, next.arg(2));
    }
    for (final String name : omit) {
      copy.rawset(LuaValue.valueOf(name), LuaValue.NIL);
    }
    copy.lock();
    return copy;
  }
}
