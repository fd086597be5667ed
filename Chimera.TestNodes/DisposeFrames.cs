using Chimera.Media;

namespace Chimera.TestNodes;

/// <summary>
/// A sink that disposes each element's frame the moment it gets it, as a preview or a local recorder that is done
/// with a frame would, while another branch of the same fan-out may still be sending it to another worker.
/// </summary>
public sealed class DisposeFrames : Node
{
    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        inputs.Single.Get<ImageFrame>("frame").Dispose();
        return null;
    }
}
