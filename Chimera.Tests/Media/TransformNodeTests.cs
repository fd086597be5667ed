using Chimera.Media;
using Chimera.Nodes;

namespace Chimera.Tests.Media;

public sealed class TransformNodeTests
{
    [Fact]
    public async Task Grayscale_Rgb_BecomesBt601Gray()
    {
        var node = new Grayscale();
        NodeHarness.Attach(node);
        using var rgb = ImageFrame.FromPixels(new byte[] { 255, 0, 0, 0, 0, 255 }, 2, 1, PixelFormat.Rgb24);

        using var gray = (ImageFrame)(await node.StepAsync(NodeHarness.Input(rgb), CancellationToken.None))!;

        Assert.Equal(PixelFormat.Gray8, gray.Format);
        Assert.Equal(new byte[] { 76, 29 }, gray.Pixels.ToArray());
    }

    [Fact]
    public async Task Grayscale_WrongRecord_SaysWhatItHeld()
    {
        var node = new Grayscale { Name = "gray" };
        NodeHarness.Attach(node);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await node.StepAsync(NodeHarness.Input("text"), CancellationToken.None));

        Assert.StartsWith("Node 'gray': record 'default' of its input holds a String, not an ImageFrame.", e.Message);
    }

    [Fact]
    public async Task Resize_Nearest_ReplicatesPixels()
    {
        var node = new Resize { Width = 4, Height = 2, Interpolation = ResizeInterpolation.Nearest };
        NodeHarness.Attach(node);
        await node.SetupAsync(CancellationToken.None);
        using var source = ImageFrame.FromPixels(new byte[] { 10, 20 }, 2, 1, PixelFormat.Gray8);

        using var result = (ImageFrame)(await node.StepAsync(NodeHarness.Input(source), CancellationToken.None))!;

        Assert.Equal(new byte[] { 10, 10, 20, 20, 10, 10, 20, 20 }, result.Pixels.ToArray());
    }

    [Fact]
    public void Resize_Bilinear_InterpolatesAndKeepsConstantsAndFormat()
    {
        using var source = ImageFrame.FromPixels(new byte[] { 0, 0, 0, 100, 100, 100 }, 2, 1, PixelFormat.Rgb24);
        using var result = Resize.Scale(source, 4, 3, ResizeInterpolation.Bilinear);

        Assert.Equal(PixelFormat.Rgb24, result.Format);
        var row = result.Row(1).ToArray().Where((_, i) => i % 3 == 0).ToArray();
        Assert.Equal(new byte[] { 0, 25, 75, 100 }, row);
        using var flat = TestImages.Smooth(16, 16, PixelFormat.Gray8);
        flat.Pixels.Fill(77);
        using var scaled = Resize.Scale(flat, 7, 5, ResizeInterpolation.Bilinear);
        Assert.All(scaled.Pixels.ToArray(), b => Assert.Equal(77, b));
    }
}
