using System.Security.Cryptography;
using Chimera.Media;

namespace Chimera.TestNodes;

/// <summary>
/// A sink that checks each input's <c>frame</c> pixels against its <c>sha</c>, disposes the frame (its pooled buffer
/// goes back for the next one to be received into), and writes <c>count=N bad=M</c> to <see cref="Path"/> at teardown.
/// </summary>
public sealed class VerifyFrames : Node
{
    private long _count;
    private long _bad;

    /// <summary>Where the verdict is written at teardown.</summary>
    public string Path { get; set; } = "";

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var chunk = inputs.Single;
        using var frame = chunk.Get<ImageFrame>("frame");
        _count++;
        if (Convert.ToHexString(SHA256.HashData(frame.Pixels)) != chunk.Get<string>("sha"))
        {
            _bad++;
        }

        return null;
    }

    /// <inheritdoc />
    protected override void Teardown() => File.WriteAllText(Path, $"count={_count} bad={_bad}");
}
