using Chimera.Media;

namespace Chimera.Benchmarks.Nodes;

/// <summary>
/// A sink that disposes every image frame it receives, giving its pooled buffer back for the next frame to be received
/// into, as a recorder or a display that is done with a frame should.
/// </summary>
public sealed class DisposingSink : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        foreach (var record in inputs.Single.Records.Values)
        {
            (record.Value as ImageFrame)?.Dispose();
        }

        return null;
    }
}
