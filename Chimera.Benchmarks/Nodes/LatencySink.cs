using System.Globalization;

namespace Chimera.Benchmarks.Nodes;

/// <summary>
/// A sink that records, per element, the time from the chunk's creation (when its source published it) to this step,
/// in microseconds, and writes them one per line to <see cref="OutputFile"/> at teardown — a file, so the benchmark
/// can read them whether the sink ran in its process or in a worker process on the same machine. Elements created
/// within <see cref="WarmUp"/> of the first are not recorded: connecting, first-call compilation and the source's
/// catch-up burst after start are not the steady state the figure describes. A chunk that crossed processes also
/// gets its segments on the line: creation → sent (the sender's encode), sent → received (the read loop's decode), and
/// received → this step.
/// </summary>
public sealed class LatencySink : Node
{
    /// <summary>The latencies so far: total, then (for a chunk that crossed processes) its three segments.</summary>
    private readonly List<string> _latencies = [];

    /// <summary>When the first element was created, or null before it arrived.</summary>
    private DateTimeOffset? _first;

    /// <summary>How long after the first element's creation elements are left out. Defaults to none.</summary>
    public TimeSpan WarmUp { get; set; }

    /// <summary>Where the latencies go at teardown. Required.</summary>
    public string OutputFile { get; set; } = string.Empty;

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(OutputFile, nameof(OutputFile));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask TeardownAsync(CancellationToken cancellationToken) =>
        await File.WriteAllLinesAsync(OutputFile, _latencies, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var chunk = inputs.Single;
        var now = DateTimeOffset.UtcNow;
        _first ??= chunk.Created;
        if (chunk.Created - _first.Value >= WarmUp)
        {
            var total = Micros(now - chunk.Created);
            _latencies.Add(chunk is { Transmitted: { } sent, Received: { } received }
                ? $"{total},{Micros(sent - chunk.Created)},{Micros(received - sent)},{Micros(now - received)}"
                : total);
        }

        return null;
    }

    /// <summary>A duration in µs as written to the file.</summary>
    private static string Micros(TimeSpan span) => span.TotalMicroseconds.ToString("R", CultureInfo.InvariantCulture);
}
