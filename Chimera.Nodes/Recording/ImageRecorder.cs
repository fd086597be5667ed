using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>A sink that saves each input image as the next PNG of <c>stream/000001.png</c>, … while the cluster is recording.</summary>
public sealed class ImageRecorder : Node
{
    /// <summary>The folder name, or <see langword="null"/> (the default) for the node's name.</summary>
    public string? Stream { get; set; }

    /// <summary>The record holding the image. Defaults to <c>default</c>.</summary>
    public string Record { get; set; } = DataChunk.DefaultRecordName;

    /// <summary>The upstream node to read, or <see langword="null"/> (the default) when there is one input.</summary>
    public string? Input { get; set; }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var image = InputRecord.Get<ImageFrame>(Name, inputs, Input, Record, "an ImageFrame");
        await Context.SaveImageAsync(Stream ?? Name, image, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
