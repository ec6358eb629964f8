package io.rustyredis.engine.keyspace;

/**
 * Told when a key is added to a database, whatever command added it (a push, a rename onto it, a
 * store, a move): the one place blocked clients learn that their key may now be servable. Also told
 * when the keyspace itself removes a key because its deadline passed, which no command asked for
 * and so no command can report (the journal records a DEL, WATCH and notifications hear of it),
 * and likewise when it evicts a key to stay under maxmemory.
 */
public interface KeyListener {
  /** Record {@code record} was just added to database {@code db}; its value may not be written yet. */
  void keyAdded(int db, long record);

  /** Record {@code record} of database {@code db} is expired and about to be deleted. */
  default void keyExpired(final int db, final long record) {
  }

  /** Record {@code record} of database {@code db} is evicted to stay under maxmemory and about to be deleted. */
  default void keyEvicted(final int db, final long record) {
  }
}
