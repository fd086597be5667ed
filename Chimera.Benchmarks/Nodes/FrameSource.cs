using Chimera.Media;

namespace Chimera.Benchmarks.Nodes;

/// <summary>
/// Publishes one <see cref="Width"/> × <see cref="Height"/> RGB frame, drawn once at setup, as every element, marked to
/// cross processes as raw pixels (<c>codec=raw</c>), as fast as downstream accepts: what carries 6 MB frames between
/// processes, without the cost of drawing or compressing them.
/// </summary>
public sealed class FrameSource : Node
{
    /// <summary>The record options that send the frame's pixels uncompressed.</summary>
    private static readonly Dictionary<string, string> s_raw = new() { ["codec"] = "raw" };

    /// <summary>
    /// The frame every element carries. Never disposed: elements still on their way after the source ends reference its
    /// pixels, so its buffer must not go back to the pool; the collector takes it.
    /// </summary>
    private ImageFrame? _frame;

    /// <summary>The pixel bytes of a frame of the default size (1920 × 1080 RGB).</summary>
    public const int DefaultFrameBytes = 1920 * 1080 * 3;

    /// <summary>Frame width in pixels. Defaults to 1920.</summary>
    public int Width { get; set; } = 1920;

    /// <summary>Frame height in pixels. Defaults to 1080.</summary>
    public int Height { get; set; } = 1080;

    /// <inheritdoc />
    public override ValueTask SetupAsync(CancellationToken cancellationToken)
    {
        _frame = new ImageFrame(Width, Height, PixelFormat.Rgb24);
        Random.Shared.NextBytes(_frame.Pixels);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs) =>
        new DataChunk(Context.Now).Add(DataChunk.DefaultRecordName, _frame, ContentType.Image, s_raw);
}
