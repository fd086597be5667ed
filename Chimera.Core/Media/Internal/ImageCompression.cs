namespace Chimera.Media;

/// <summary>How <see cref="ImageValueCodec"/> stores an image; the values are the wire's codec byte.</summary>
internal enum ImageCompression : byte
{
    /// <summary>Packed pixels as they are.</summary>
    Raw = 0,

    /// <summary>Lossy JPEG through libturbojpeg (the default).</summary>
    Jpeg = 1,

    /// <summary>Lossless PNG.</summary>
    Png = 2,
}
