package io.rustyredis.engine.keyspace;

/**
 * Told when a key is added to a database, whatever command added it (a push, a rename onto it, a
 * store, a move): the one place blocked clients learn that their key may now be servable.
 */
@FunctionalInterface
public interface KeyListener {
  /** Record {@code record} was just added to database {@code db}; its value may not be written yet. */
  void keyAdded(int db, long record);
}
