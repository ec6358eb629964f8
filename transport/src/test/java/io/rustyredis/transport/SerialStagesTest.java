package io.rustyredis.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.EventHandler;
import io.rustyredis.engine.CommandEvent;
import io.rustyredis.engine.EventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one consumer's three stages in order, and its watch on how many clients are sending. */
class SerialStagesTest {
  private final List<String> calls = new ArrayList<>();
  private final StageWaitStrategy wait = new StageWaitStrategy();
  private final SerialStages stages = new SerialStages(stage("engine"), stage("journal"), stage("replies"), wait);
  private long sequence;

  private EventHandler<CommandEvent> stage(final String name) {
    return (event, seq, endOfBatch) -> calls.add(name + (endOfBatch ? "!" : ""));
  }

  private void command(final long connectionId) throws Exception {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.COMMAND, connectionId, null, 0);
    stages.onEvent(event, sequence++, false);
  }

  @Test
  void eachEventPassesEngineThenJournalThenReplies() throws Exception {
    final CommandEvent event = new CommandEvent();
    event.reset(EventType.COMMAND, 1, null, 0);
    stages.onEvent(event, 0, true);
    assertEquals(List.of("engine!", "journal!", "replies!"), calls);
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
      final CommandEvent tick = new CommandEvent();
      tick.reset(EventType.TICK, 0, null, 0);
      stages.onEvent(tick, sequence++, true);
    }
    assertTrue(wait.loneSender(), "clock ticks are not a second client");
  }
}
