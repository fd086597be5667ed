namespace Chimera.Recording;

/// <summary>
/// The recorder of one (worker, node) in a run: creates one <see cref="RecordingStream"/> per stream name on first
/// save, under <c>runFolder/worker/node/</c>, and keeps nothing while the run is previewing.
/// </summary>
/// <remarks>Thread-safe: parallel instances of a node share it, and each stream's queue takes several writers.</remarks>
internal sealed class RunNodeRecorder : NodeRecorder
{
    /// <summary>The run that owns this recorder.</summary>
    private readonly RunRecording _run;

    /// <summary>The streams by name; guarded by itself.</summary>
    private readonly Dictionary<string, RecordingStream> _streams = new(StringComparer.Ordinal);

    /// <summary>Whether the run closed this recorder.</summary>
    private bool _closed;

    /// <summary>Creates the recorder of <paramref name="node"/> on <paramref name="worker"/>.</summary>
    public RunNodeRecorder(RunRecording run, string worker, string node)
    {
        _run = run;
        Worker = worker;
        Node = node;
        Directory = Path.Combine(run.RunFolder, worker, node);
    }

    /// <summary>The worker's name.</summary>
    public string Worker { get; }

    /// <summary>The node's name.</summary>
    public string Node { get; }

    /// <summary>The node's folder in the run.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public override bool IsActive => _run.IsRecording;

    /// <inheritdoc />
    public override ValueTask SaveAsync(string stream, RecordingKind kind, object value, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_run.IsRecording)
        {
            return ValueTask.CompletedTask;
        }

        return GetStream(stream, kind).EnqueueAsync(value, timestamp, cancellationToken);
    }

    /// <summary>Closes every stream (draining its queue) and returns the failures, one sentence each.</summary>
    public async Task<IReadOnlyList<string>> CloseAsync()
    {
        RecordingStream[] streams;
        lock (_streams)
        {
            _closed = true;
            streams = [.. _streams.Values];
        }

        await Task.WhenAll(streams.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        return [.. streams.Where(s => s.Failure is not null).Select(s => s.Failure!.Message)];
    }

    /// <summary>Finds or creates the named stream, checking its name and kind.</summary>
    private RecordingStream GetStream(string name, RecordingKind kind)
    {
        lock (_streams)
        {
            if (_streams.TryGetValue(name, out var existing))
            {
                return existing.Kind == kind
                    ? existing
                    : throw new InvalidOperationException(RecordingMessages.KindMismatch(existing.Location.ToString(), existing.Kind, kind));
            }

            var location = new StreamLocation(Directory, name, Worker, Node);
            if (_closed)
            {
                throw new ObjectDisposedException(nameof(RunRecording), RecordingMessages.Closed(location.ToString()));
            }

            if (string.IsNullOrWhiteSpace(name) || name is "." or ".." || name.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('\\', StringComparison.Ordinal))
            {
                throw new ArgumentException(RecordingMessages.BadStreamName(Node, name), nameof(name));
            }

            RecordingStream stream = kind switch
            {
                RecordingKind.Tabular => new TabularStream(location, _run.Options),
                RecordingKind.Json => new JsonStream(location, _run.Options),
                RecordingKind.Text => new TextStream(location, _run.Options),
                RecordingKind.Image => new ImageStream(location, _run.Options),
                RecordingKind.Video => new VideoStream(location, _run.Options),
                RecordingKind.Audio => new AudioStream(location, _run.Options),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
            stream.Start();
            _streams.Add(name, stream);
            return stream;
        }
    }
}
