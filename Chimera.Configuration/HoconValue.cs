namespace Chimera.Configuration;

/// <summary>
/// A fully resolved HOCON value (no substitutions left), with the place it was defined so that
/// type errors can point at the source.
/// </summary>
public abstract class HoconValue
{
    /// <summary>Initialises the origin shared by every kind of value.</summary>
    /// <param name="origin">Where the value was defined.</param>
    private protected HoconValue(HoconOrigin origin) => Origin = origin;

    /// <summary>Where the value was defined.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The kind of value, so callers can switch without type tests.</summary>
    public abstract HoconValueType Type { get; }
}
