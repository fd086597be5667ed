using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>A sink that records its input's <see cref="AudioBlock"/>s as <c>stream.wav</c> while the cluster is recording.</summary>
public sealed class AudioRecorder : Node
{
    /// <summary>The file name without extension, or <see langword="null"/> (the default) for the node's name.</summary>
    public string? Stream { get; set; }

    /// <summary>The record holding the audio. Defaults to <c>default</c>.</summary>
    public string Record { get; set; } = DataChunk.DefaultRecordName;

    /// <summary>The upstream node to read, or <see langword="null"/> (the default) when there is one input.</summary>
    public string? Input { get; set; }

    /// <inheritdoc />
    public override async ValueTask<object?> StepAsync(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var block = InputRecord.Get<AudioBlock>(Name, inputs, Input, Record, "an AudioBlock");
        await Context.SaveAudioAsync(Stream ?? Name, block, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
