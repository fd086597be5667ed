using System.Collections.Concurrent;

namespace Chimera.Recording;

/// <summary>
/// The recording of one run on one worker: owns the run folder (<c>logdir/&lt;yyyy-MM-dd_HH-mm-ss&gt;-&lt;run id&gt;/</c>,
/// chosen by the caller) and hands each node a <see cref="NodeRecorder"/> that writes under
/// <c>runFolder/worker/node/</c> while <c>isRecording</c> says so.
/// </summary>
/// <remarks>
/// <para>Each stream (a file name within a node) has its own bounded queue and writer task, so a slow disk slows only
/// the nodes that save to it, by making their saves wait (backpressure); nothing is dropped.</para>
/// <para>Dispose after the run's nodes have stopped (after teardown): it drains every queue, finishes every file
/// (patches WAV headers, lets ffmpeg finish the mp4) and awaits every writer. Saves after that throw.</para>
/// </remarks>
public sealed class RunRecording : IAsyncDisposable
{
    /// <summary>The recording switch.</summary>
    private readonly Func<bool> _isRecording;

    /// <summary>One recorder per (worker, node).</summary>
    private readonly ConcurrentDictionary<(string Worker, string Node), RunNodeRecorder> _recorders = new();

    /// <summary>Set once disposal began.</summary>
    private int _disposed;

    /// <summary>Creates the recording of a run.</summary>
    /// <param name="runFolder">The run's folder; created (with the node folders) only when something is recorded.</param>
    /// <param name="isRecording">The switch: saves are kept only while it returns <see langword="true"/> (recording, not previewing).</param>
    /// <param name="options">Queue, flush and encoder settings; defaults when <see langword="null"/>.</param>
    public RunRecording(string runFolder, Func<bool> isRecording, RecordingOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        ArgumentNullException.ThrowIfNull(isRecording);
        RunFolder = Path.GetFullPath(runFolder);
        _isRecording = isRecording;
        Options = options ?? new RecordingOptions();
    }

    /// <summary>The run's folder (absolute).</summary>
    public string RunFolder { get; }

    /// <summary>Whether saves are being kept right now.</summary>
    public bool IsRecording => _isRecording();

    /// <summary>The settings in effect.</summary>
    public RecordingOptions Options { get; }

    /// <summary>The recorder for <paramref name="node"/> on <paramref name="worker"/>; the same instance for the same pair (parallel instances share it).</summary>
    /// <exception cref="ObjectDisposedException">The recording was disposed.</exception>
    public NodeRecorder GetRecorder(string worker, string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        ArgumentException.ThrowIfNullOrEmpty(node);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _recorders.GetOrAdd((worker, node), key => new RunNodeRecorder(this, key.Worker, key.Node));
    }

    /// <summary>Drains and closes every stream, awaiting every writer and ffmpeg process.</summary>
    /// <exception cref="IOException">A stream failed to write or close; the message lists each one with its node and file.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var results = await Task.WhenAll(_recorders.Values.Select(r => r.CloseAsync())).ConfigureAwait(false);
        var failures = results.SelectMany(f => f).ToList();
        if (failures.Count > 0)
        {
            throw new IOException(RecordingMessages.RunFailed(RunFolder, failures));
        }
    }
}
