namespace Chimera.Nodes;

/// <summary>How <see cref="Resize"/> computes each output pixel.</summary>
public enum ResizeInterpolation
{
    /// <summary>The nearest source pixel: fastest, blocky when enlarging.</summary>
    Nearest,

    /// <summary>A weighted mean of the four nearest source pixels: smooth.</summary>
    Bilinear,
}
