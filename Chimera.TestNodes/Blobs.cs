using System.Security.Cryptography;

namespace Chimera.TestNodes;

/// <summary>A source of <see cref="Count"/> byte arrays of <see cref="Size"/> bytes with pseudo-random content, each with its SHA-256 in record <c>sha</c>.</summary>
public sealed class Blobs : Node
{
    private int _sent;

    /// <summary>How many arrays.</summary>
    public int Count { get; set; } = 10;

    /// <summary>The size of each array in bytes.</summary>
    public int Size { get; set; } = 1024;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var data = new byte[Size];
        new Random(_sent).NextBytes(data);
        if (++_sent >= Count)
        {
            EndStream();
        }

        return new DataChunk().Add("data", data).Add("sha", Convert.ToHexString(SHA256.HashData(data)));
    }
}
