package io.rustyredis.transport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;

/**
 * Runs a stage's handler and, at the end of each batch, publishes the stage's progress and wakes
 * the stages that wait on it (see {@link StageWaitStrategy}). The processor would publish the same
 * sequence a moment later; doing it here first is what lets the wake-up carry news.
 */
final class SignallingHandler<T> implements EventHandler<T> {
  private final EventHandler<T> delegate;
  private final WaitStrategy waitStrategy;
  private Sequence progress;

  SignallingHandler(final EventHandler<T> delegate, final WaitStrategy waitStrategy) {
    this.delegate = delegate;
    this.waitStrategy = waitStrategy;
  }

  @Override
  public void setSequenceCallback(final Sequence sequenceCallback) {
    this.progress = sequenceCallback;
    delegate.setSequenceCallback(sequenceCallback);
  }

  @Override
  public void onEvent(final T event, final long sequence, final boolean endOfBatch) throws Exception {
    delegate.onEvent(event, sequence, endOfBatch);
    if (endOfBatch) {
      progress.set(sequence);
      waitStrategy.signalAllWhenBlocking();
    }
  }
}
