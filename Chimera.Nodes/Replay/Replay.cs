using System.Text.Json.Serialization;

namespace Chimera.Nodes;

/// <summary>
/// A source that plays a recorded stream back with its original timing, so a recorded session can be processed
/// again: the rows of <c>runFolder/worker/node/stream.csv</c> (as column → value dictionaries, like a live tabular
/// record), the values of <c>stream.jsonl</c>, or the lines of <c>stream.txt</c>. The stream ends at the end of the file.
/// </summary>
/// <remarks>
/// <para>Entry <c>i</c> is emitted at <c>(timestamp[i] - timestamp[0]) / Speed</c> after the first step, paced on the
/// cluster clock against the start (not the previous entry), so the pace does not drift; <see cref="AsFastAsPossible"/>
/// drops the pacing. Text lines carry no time and are always emitted as fast as downstream takes them.</para>
/// <para>CSV cells come back typed (empty → null, <c>true</c>/<c>false</c>, integers, numbers, else text) only when
/// formatting the value again gives the same text, so recording a replayed stream reproduces the same cells.</para>
/// </remarks>
public sealed class Replay : Node
{
    private RecordedStreamReader? _reader;
    private ReplayEntry? _next;
    private DateTimeOffset? _firstTimestamp;
    private long _startTicks;
    private bool _started;

    /// <summary>A recorded run's folder (or any folder above the node folders), or the stream's file itself.</summary>
    public string? Path { get; set; }

    /// <summary>The worker that recorded the stream; <see langword="null"/> (the default) searches every worker's folder.</summary>
    public string? Worker { get; set; }

    /// <summary>The node that recorded the stream (<c>node</c> in pipeline files); <see langword="null"/> (the default) searches every node's folder.</summary>
    [JsonPropertyName("node")]
    public string? Source { get; set; }

    /// <summary>The stream's file name without extension; defaults to <see cref="Source"/>.</summary>
    public string? Stream { get; set; }

    /// <summary>The playback speed: 2 plays twice as fast. Defaults to 1 (the original timing).</summary>
    /// <value>Greater than 0.</value>
    public double Speed { get; set; } = 1;

    /// <summary>Emits every entry as soon as downstream takes it, ignoring the recorded timing. Defaults to false.</summary>
    public bool AsFastAsPossible { get; set; }

    /// <summary>A column to add to each replayed row with the entry's original timestamp (e.g. <c>recorded_at</c>); <see langword="null"/> (the default) adds none.</summary>
    public string? TimestampColumn { get; set; }

    /// <summary>Whether CSV cells are restored to typed values. Defaults to true; false keeps every cell as text.</summary>
    public bool ParseValues { get; set; } = true;

    /// <summary>The file being replayed, once set up.</summary>
    [JsonIgnore]
    public string? File => _reader?.Path;

    /// <inheritdoc />
    public override async ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        if (!(Speed > 0) || double.IsInfinity(Speed))
        {
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, $"Replay '{Name}': speed must be a finite number greater than 0.");
        }

        var path = RecordedStreamLocator.Find(Name, Path, Worker, Source, Stream);
        _reader = RecordedStreamReader.Open(path, ParseValues);
        _next = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        _firstTimestamp = _next?.Timestamp;
        _started = false;
    }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (_next is not { } entry)
        {
            EndStream();
            return null;
        }

        if (!_started)
        {
            _startTicks = Context.Clock.GetTimestamp();
            _started = true;
        }

        if (!AsFastAsPossible && entry.Timestamp is { } time && _firstTimestamp is { } first)
        {
            // A loop, because the runtime's timers run on a millisecond tick and may fire up to a tick before the
            // stopwatch says the delay is over: an entry must never be emitted before its time.
            var due = (time - first) / Speed;
            for (var elapsed = Context.Clock.GetElapsedTime(_startTicks); due > elapsed; elapsed = Context.Clock.GetElapsedTime(_startTicks))
            {
                await Task.Delay(due - elapsed, Context.Clock, cancellationToken).ConfigureAwait(false);
            }
        }

        _next = await _reader!.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_next is null)
        {
            EndStream();
        }

        if (TimestampColumn is { } column && entry.Value is Dictionary<string, object?> row)
        {
            row[column] = entry.Timestamp;
        }

        return entry.Value;
    }

    /// <inheritdoc />
    public override ValueTask TeardownAsync(CancellationToken cancellationToken)
    {
        _reader?.Dispose();
        _reader = null;
        return ValueTask.CompletedTask;
    }
}
