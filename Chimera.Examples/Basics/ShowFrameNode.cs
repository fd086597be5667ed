using Chimera.Media;

namespace Chimera.Examples.Basics;

/// <summary>
/// A sink standing in for ChimeraPy's video display: prints each frame's size, format and mean brightness with the
/// worker it arrived on, so the example shows images crossing workers without needing a window.
/// </summary>
public sealed class ShowFrameNode : Node
{
    /// <summary>Frames seen so far.</summary>
    private long _frames;

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        // The frame belongs to the runtime (it disposes it after the step), so only read it here.
        var frame = inputs.Single.Get<ImageFrame>();
        var pixels = frame.Pixels;
        long sum = 0;
        for (var i = 0; i < pixels.Length; i += 97)
        {
            sum += pixels[i];
        }

        var mean = (double)sum / ((pixels.Length + 96) / 97);
        PrintNode.Output.WriteLine($"[{Context.WorkerName}/{Name}] frame {++_frames}: {frame.Width}x{frame.Height} {frame.Format}, mean brightness {mean:0.0}");
        return null;
    }
}
