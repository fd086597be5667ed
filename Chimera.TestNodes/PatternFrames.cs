using System.Security.Cryptography;
using Chimera.Media;

namespace Chimera.TestNodes;

/// <summary>
/// A source of <see cref="Count"/> RGB frames of <see cref="Width"/> × <see cref="Height"/> with pseudo-random pixels,
/// sent as raw pixels (<c>codec=raw</c>) in the chunk's last record <c>frame</c>, after the pixels' SHA-256 in <c>sha</c>.
/// </summary>
public sealed class PatternFrames : Node
{
    /// <summary>The record options that send a frame uncompressed.</summary>
    private static readonly Dictionary<string, string> s_raw = new() { ["codec"] = "raw" };

    private int _sent;

    /// <summary>How many frames.</summary>
    public int Count { get; set; } = 10;

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; set; } = 64;

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; set; } = 48;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var frame = new ImageFrame(Width, Height, PixelFormat.Rgb24);
        new Random(_sent).NextBytes(frame.Pixels);
        if (++_sent >= Count)
        {
            EndStream();
        }

        return new DataChunk()
            .Add("sha", Convert.ToHexString(SHA256.HashData(frame.Pixels)))
            .Add("frame", frame, ContentType.Image, s_raw);
    }
}
