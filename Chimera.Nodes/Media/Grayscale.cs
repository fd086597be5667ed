using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>A transform that turns its input's image into an 8-bit gray image (BT.601 luma).</summary>
/// <remarks>Reads record <see cref="Record"/> of its only input (or of <see cref="Input"/>) and outputs an
/// <see cref="ImageFrame"/> of <see cref="PixelFormat.Gray8"/> under <c>default</c>; a gray input passes through.</remarks>
public sealed class Grayscale : Node
{
    /// <summary>The record holding the image. Defaults to <c>default</c>.</summary>
    public string Record { get; set; } = DataChunk.DefaultRecordName;

    /// <summary>The upstream node to read, or <see langword="null"/> (the default) when there is one input.</summary>
    public string? Input { get; set; }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var image = InputRecord.Get<ImageFrame>(Name, inputs, Input, Record, "an ImageFrame");
        return image.Format == PixelFormat.Gray8 ? image : image.ConvertTo(PixelFormat.Gray8);
    }
}
