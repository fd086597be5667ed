using Microsoft.Extensions.Logging;

namespace Chimera.Host.CommandLine;

/// <summary>Logging for the long-running commands: one line per message on stderr, so stdout stays for what scripts read.</summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(builder =>
    {
        var level = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("CHIMERA_LOG_LEVEL"), ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
        builder.SetMinimumLevel(level);
        builder.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
