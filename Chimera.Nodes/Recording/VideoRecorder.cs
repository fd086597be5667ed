using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// A sink that records its input's images as a video (<c>stream.mp4</c> with <c>stream.timestamps.csv</c>) through
/// the run's recorder, while the cluster is recording.
/// </summary>
/// <remarks>Backpressure: when the encoder falls behind, the step waits, which slows upstream; no frame is dropped.</remarks>
public sealed class VideoRecorder : Node
{
    /// <summary>The file name without extension, or <see langword="null"/> (the default) for the node's name.</summary>
    public string? Stream { get; set; }

    /// <summary>The nominal frame rate written into the mp4. Defaults to 30.</summary>
    public double Fps { get; set; } = 30;

    /// <summary>The record holding the image. Defaults to <c>default</c>.</summary>
    public string Record { get; set; } = DataChunk.DefaultRecordName;

    /// <summary>The upstream node to read, or <see langword="null"/> (the default) when there is one input.</summary>
    public string? Input { get; set; }

    /// <inheritdoc />
    protected override void Setup() => SourceSettings.CheckRate(Name, nameof(Fps), Fps);

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var frame = InputRecord.Get<ImageFrame>(Name, inputs, Input, Record, "an ImageFrame");
        await Context.SaveVideoAsync(Stream ?? Name, frame, Fps, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
