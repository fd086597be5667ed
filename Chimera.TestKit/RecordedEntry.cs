namespace Chimera.TestKit;

/// <summary>One call a node made to <see cref="NodeRecorder.SaveAsync"/>, as captured by a <see cref="CapturingRecorder"/>.</summary>
/// <param name="Node">The node that saved, or <see langword="null"/> when the recorder was called directly rather than through <see cref="CapturingRecorder.ForNode"/>.</param>
/// <param name="Stream">The stream's name.</param>
/// <param name="Kind">The kind of stream.</param>
/// <param name="Value">The value saved (the same object, not a copy).</param>
/// <param name="Timestamp">The capture time the node gave.</param>
/// <param name="WhileRecording">Whether the recording switch was on at the time of the call.</param>
public sealed record RecordedEntry(string? Node, string Stream, RecordingKind Kind, object Value, DateTimeOffset Timestamp, bool WhileRecording);
