using Chimera.Media;

namespace Chimera.Tests.Media;

public sealed class ImageFrameTests
{
    [Fact]
    public void New_HasPackedStrideAndZeroPixels()
    {
        using var frame = new ImageFrame(5, 3, PixelFormat.Rgba32);

        Assert.Equal((20, 60), (frame.Stride, frame.Length));
        Assert.True(frame.Pixels.ToArray().All(b => b == 0));
    }

    [Fact]
    public void New_OverABufferAnEarlierFrameDirtied_IsStillBlack()
    {
        using (var dirty = new ImageFrame(16, 9, PixelFormat.Rgba32))
        {
            dirty.Pixels.Fill(0xA5);
        }

        using var frame = new ImageFrame(16, 9, PixelFormat.Rgba32);

        Assert.True(frame.Pixels.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Row_IsASliceOfPixels()
    {
        using var frame = new ImageFrame(4, 2, PixelFormat.Gray8);
        frame.Row(1)[2] = 9;

        Assert.Equal(9, frame.Pixels[6]);
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        using var frame = TestImages.Noise(8, 8, PixelFormat.Rgb24);
        using var clone = frame.Clone();
        frame.Pixels[0] ^= 0xFF;

        Assert.NotEqual(frame.Pixels[0], clone.Pixels[0]);
    }

    [Fact]
    public void Dispose_ThenPixels_ThrowsWithHint()
    {
        var frame = new ImageFrame(2, 2, PixelFormat.Gray8);
        frame.Dispose();
        frame.Dispose();

        var e = Assert.Throws<ObjectDisposedException>(() => frame.Pixels.Length);
        Assert.Contains("Clone()", e.Message);
    }

    [Fact]
    public void Dispose_WhileHeld_KeepsThePixelsUntilTheLastHoldIsReleased()
    {
        var frame = new ImageFrame(2, 2, PixelFormat.Gray8);
        frame.Pixels.Fill(7);
        Assert.True(frame.TryHold());
        Assert.True(frame.TryHold());

        frame.Dispose();
        frame.Dispose();
        Assert.False(frame.IsDisposed);
        Assert.Equal(7, frame.Pixels[3]);

        frame.Release();
        Assert.False(frame.IsDisposed);
        frame.Release();
        Assert.True(frame.IsDisposed);
        Assert.False(frame.TryHold());
    }

    [Fact]
    public void Retain_KeepsThePixelsPastDispose_UntilTheLeaseIsDisposedOnce()
    {
        var frame = new ImageFrame(2, 2, PixelFormat.Gray8);
        frame.Pixels.Fill(9);
        var lease = frame.Retain();
        using var other = frame.Retain();

        frame.Dispose();
        lease.Dispose();
        lease.Dispose();

        Assert.Same(frame, lease.Frame);
        Assert.False(frame.IsDisposed);
        Assert.Equal(9, frame.Pixels[3]);
        other.Dispose();
        Assert.True(frame.IsDisposed);
    }

    [Fact]
    public void Retain_AfterTheBufferWentBack_ThrowsWithHint()
    {
        var frame = new ImageFrame(2, 2, PixelFormat.Gray8);
        frame.Dispose();

        var e = Assert.Throws<ObjectDisposedException>(() => frame.Retain());

        Assert.Contains("Retain() or Clone()", e.Message);
    }

    [Fact]
    public void Hold_AfterDisposeWithoutOtherHolds_Fails()
    {
        var frame = new ImageFrame(2, 2, PixelFormat.Gray8);
        frame.Dispose();

        Assert.True(frame.IsDisposed);
        Assert.False(frame.TryHold());
    }

    [Fact]
    public void Release_OfAHoldTakenBeforeDispose_LeavesAnUndisposedFrameUsable()
    {
        using var frame = new ImageFrame(2, 2, PixelFormat.Gray8);
        Assert.True(frame.TryHold());
        frame.Release();

        Assert.False(frame.IsDisposed);
        Assert.Equal(4, frame.Pixels.Length);
    }

    [Fact]
    public void ChunkAdd_Image_InfersImageContentType()
    {
        using var frame = new ImageFrame(2, 2, PixelFormat.Gray8);

        Assert.Equal(ContentType.Image, ContentTypes.Infer(frame));
        Assert.Equal(ContentType.Audio, ContentTypes.Infer(new AudioBlock(new float[4], 2, 8000)));
    }

    [Fact]
    public void ConvertTo_Gray_UsesBt601()
    {
        using var rgb = ImageFrame.FromPixels(new byte[] { 255, 0, 0, 0, 255, 0 }, 2, 1, PixelFormat.Rgb24);
        using var gray = rgb.ConvertTo(PixelFormat.Gray8);

        Assert.Equal(new byte[] { 76, 150 }, gray.Pixels.ToArray());
    }

    [Fact]
    public void FromPixels_WrongLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ImageFrame.FromPixels(new byte[5], 2, 2, PixelFormat.Gray8));
        Assert.StartsWith("5 bytes were given for a 2x2 Gray8 image, which needs 4.", e.Message);
    }
}
