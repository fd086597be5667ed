namespace Chimera;

/// <summary>
/// The seam between nodes and the recording layer. A node saves through <see cref="NodeContext.Recorder"/>; the
/// recording layer decides formats and files, and writes off the node's thread.
/// </summary>
public abstract class NodeRecorder
{
    /// <summary>A recorder that keeps nothing, used where a run has no recording layer.</summary>
    public static NodeRecorder Null { get; } = new NullRecorder();

    /// <summary>
    /// Whether a save would be kept right now (recording rather than previewing). Callers may skip preparing a value
    /// when it is <see langword="false"/>; <see cref="SaveAsync"/> checks it anyway. Defaults to <see langword="true"/>.
    /// </summary>
    public virtual bool IsActive => true;

    /// <summary>Saves one entry of the named stream, backpressuring the caller when the writer cannot keep up.</summary>
    /// <param name="stream">The stream's name (the file name without extension).</param>
    /// <param name="kind">What kind of stream it is, which picks the format.</param>
    /// <param name="value">The value to save.</param>
    /// <param name="timestamp">The capture time, in the cluster's timeline.</param>
    /// <param name="cancellationToken">Cancels a save that waits for room in the writer's queue.</param>
    public abstract ValueTask SaveAsync(string stream, RecordingKind kind, object value, DateTimeOffset timestamp, CancellationToken cancellationToken);

    private sealed class NullRecorder : NodeRecorder
    {
        public override bool IsActive => false;

        public override ValueTask SaveAsync(string stream, RecordingKind kind, object value, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
