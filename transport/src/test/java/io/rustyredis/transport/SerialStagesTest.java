package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.EventHandler;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one consumer's three stages in order, and its watch on how many clients are sending. */
class SerialStagesTest {
  private final List<String> calls = new ArrayList<>();
  private final StageWaitStrategy wait = new StageWaitStrategy();
  /** The events by sequence, as the ring holds them. */
  private final Map<Long, CommandEvent> ring = new HashMap<>();
  private final SerialStages stages = new SerialStages(stage("engine"), stage("journal"), stage("replies"), ring::get, wait);
  private long sequence;

  private EventHandler<CommandEvent> stage(final String name) {
    return (event, seq, endOfBatch) -> {
      assertSame(ring.get(seq), event, name + " got the event at its sequence");
      calls.add(name + seq + (endOfBatch ? "!" : ""));
    };
  }

  private CommandEvent event(final long seq, final long connectionId) {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.COMMAND, connectionId, null, 0);
    ring.put(seq, event);
    return event;
  }

  private void command(final long connectionId) throws Exception {
    final long seq = sequence++;
    stages.onEvent(event(seq, connectionId), seq, false);
  }

  @Test
  void eachEventPassesEngineThenJournalThenReplies() throws Exception {
    stages.onEvent(event(0, 1), 0, true);
    assertEquals(List.of("engine0!", "journal0!", "replies0!"), calls);
  }

  @Test
  void theRepliesOfABatchComeAfterTheJournalHasSeenAllOfIt() throws Exception {
    for (long seq = 5; seq < 8; seq++) {
      stages.onEvent(event(seq, 1), seq, seq == 7);
    }
    stages.onEvent(event(8, 1), 8, true);
    assertEquals(List.of("engine5", "journal5", "engine6", "journal6", "engine7!", "journal7!",
        "replies5", "replies6", "replies7!", "engine8!", "journal8!", "replies8!"), calls);
  }

  @Test
  void shutdownEndsTheBatchWhereItIs() throws Exception {
    stages.onEvent(event(0, 1), 0, false);
    final CommandEvent shutdown = event(1, 1);
    shutdown.shutdown = true;
    stages.onEvent(shutdown, 1, false);
    stages.onEvent(event(2, 1), 2, true);
    assertEquals(List.of("engine0", "journal0", "engine1", "journal1!", "replies0", "replies1",
        "engine2!", "journal2!", "replies2!"), calls);
  }

  @Test
  void oneClientAloneSendingTurnsOnTheYieldingWaitAndASecondTurnsItOff() throws Exception {
    assertFalse(wait.loneSender(), "off until a window says otherwise");
    for (int i = 0; i < 64; i++) {
      command(7);
    }
    assertTrue(wait.loneSender());
    for (int i = 0; i < 64; i++) {
      command(i % 2 == 0 ? 7 : 8);
    }
    assertFalse(wait.loneSender(), "two clients interleaving can batch: sleep at once");
    for (int i = 0; i < 64; i++) {
      command(7);
    }
    assertTrue(wait.loneSender(), "the sender changing once at a window's edge is still one sender");
  }

  @Test
  void eventsOtherThanCommandsDoNotCount() throws Exception {
    for (int i = 0; i < 64; i++) {
      command(7);
    }
    for (int i = 0; i < 200; i++) {
      final long seq = sequence++;
      final CommandEvent tick = event(seq, 0);
      tick.reset(EventType.TICK, 0, null, 0);
      stages.onEvent(tick, seq, true);
    }
    assertTrue(wait.loneSender(), "clock ticks are not a second client");
  }
}
