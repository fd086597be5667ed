using Chimera.Wire;
using Microsoft.Extensions.Logging;

namespace Chimera.Tests.Wire;

public sealed class WireLogTests
{
    [Fact]
    public void ConnectionFailed_NamesThePeerTheEdgeAndTheReason()
    {
        var logger = new ListLogger();
        var error = new WireFormatException(WireMessages.FrameTooLarge(0xFFFFFFFF, 1024 * 1024));

        WireLog.ConnectionFailed(logger, "worker-b@10.0.0.2:5100", "camera.out -> gray.in", error.Message, error);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(3000, entry.Id.Id);
        Assert.Equal(
            "Closing the data connection from peer \"worker-b@10.0.0.2:5100\" on edge \"camera.out -> gray.in\": Frame of 4294967295 bytes exceeds the maximum frame size of 1048576 bytes (chimera.wire.max-frame-size); larger payloads must be split into continuation frames.",
            entry.Message);
        Assert.Same(error, entry.Exception);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, formatter(state, exception), exception));
    }
}
