using System.Security.Cryptography;

namespace Chimera.TestNodes;

/// <summary>A sink that checks each input's <c>data</c> against its <c>sha</c> and writes <c>count=N bad=M bytes=B</c> to <see cref="Path"/> at teardown.</summary>
public sealed class VerifyBlobs : Node
{
    private long _count;
    private long _bad;
    private long _bytes;

    /// <summary>Where the verdict is written at teardown.</summary>
    public string Path { get; set; } = "";

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var chunk = inputs.Single;
        var data = chunk.Get<byte[]>("data");
        _count++;
        _bytes += data.Length;
        if (Convert.ToHexString(SHA256.HashData(data)) != chunk.Get<string>("sha"))
        {
            _bad++;
        }

        return null;
    }

    /// <inheritdoc />
    protected override void Teardown() => File.WriteAllText(Path, $"count={_count} bad={_bad} bytes={_bytes}");
}
