package io.rustyredis.engine.command;

/** Executes one command: reads {@link CommandContext#args()}, writes {@link CommandContext#reply()}. */
@FunctionalInterface
public interface CommandHandler {
  void execute(CommandContext context);
}
