namespace Chimera.Nodes;

/// <summary>Validation shared by the source nodes' setup, with messages that name the node and property.</summary>
internal static class SourceSettings
{
    /// <summary>Largest accepted width or height.</summary>
    public const int MaxDimension = 16_384;

    /// <summary>Checks a frame size.</summary>
    public static void CheckSize(string node, int width, int height)
    {
        if (width is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException("Width", NodeMessages.Invalid(node, "Width", width, $"1 to {MaxDimension}"));
        }

        if (height is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException("Height", NodeMessages.Invalid(node, "Height", height, $"1 to {MaxDimension}"));
        }
    }

    /// <summary>Checks a rate (frames or samples per second).</summary>
    public static void CheckRate(string node, string property, double rate)
    {
        if (!double.IsFinite(rate) || rate <= 0 || rate > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(property, NodeMessages.Invalid(node, property, rate, "a positive number up to 1,000,000"));
        }
    }

    /// <summary>Checks an integer in a range.</summary>
    public static void CheckRange(string node, string property, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(property, NodeMessages.Invalid(node, property, value, $"{min} to {max}"));
        }
    }
}
