using System.Collections.Concurrent;

namespace Chimera.TestKit;

/// <summary>
/// A <see cref="NodeRecorder"/> that keeps every save in memory, in call order, so a test asserts on what a node
/// recorded without files or formats. It also holds the recording switch (<see cref="NodeContext.IsRecording"/>) of
/// the nodes it serves, which the test flips to check preview against record behaviour.
/// </summary>
public sealed class CapturingRecorder : NodeRecorder
{
    /// <summary>The captured saves; a queue because parallel instances save from several threads.</summary>
    private readonly ConcurrentQueue<RecordedEntry> _entries = new();

    /// <summary>The recording switch, read by nodes from their own threads.</summary>
    private volatile bool _isRecording;

    /// <summary>Creates a recorder.</summary>
    /// <param name="isRecording">The initial state of the recording switch.</param>
    public CapturingRecorder(bool isRecording = true)
    {
        _isRecording = isRecording;
    }

    /// <summary>
    /// The recording switch the nodes see as <see cref="NodeContext.IsRecording"/>. Saves are captured whatever its state;
    /// it only tells nodes whether they should save.
    /// </summary>
    public bool IsRecording
    {
        get => _isRecording;
        set => _isRecording = value;
    }

    /// <summary>Every save so far, in call order.</summary>
    public IReadOnlyList<RecordedEntry> Entries => [.. _entries];

    /// <summary>The saves of one stream, in call order.</summary>
    public IReadOnlyList<RecordedEntry> Stream(string stream) => [.. _entries.Where(e => e.Stream == stream)];

    /// <summary>Returns a recorder for one node that captures into this one, tagging each save with the node's name.</summary>
    public NodeRecorder ForNode(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new NodeView(this, node);
    }

    /// <inheritdoc />
    public override ValueTask SaveAsync(string stream, RecordingKind kind, object value, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        Capture(null, stream, kind, value, timestamp, cancellationToken);

    private ValueTask Capture(string? node, string stream, RecordingKind kind, object value, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(value);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        _entries.Enqueue(new RecordedEntry(node, stream, kind, value, timestamp, _isRecording));
        return ValueTask.CompletedTask;
    }

    /// <summary>The recorder one node sees: it captures into its parent under the node's name.</summary>
    private sealed class NodeView(CapturingRecorder parent, string node) : NodeRecorder
    {
        public override ValueTask SaveAsync(string stream, RecordingKind kind, object value, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
            parent.Capture(node, stream, kind, value, timestamp, cancellationToken);
    }
}
