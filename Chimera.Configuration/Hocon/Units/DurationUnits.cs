namespace Chimera.Configuration.Hocon.Units;

/// <summary>The duration units of the HOCON specification (lowercase only), in nanoseconds.</summary>
internal static class DurationUnits
{
    /// <summary>Every spelling the specification allows, mapped to its length in nanoseconds.</summary>
    private static readonly Dictionary<string, decimal> Nanoseconds = Build();

    /// <summary>The spellings, for "expected one of" messages.</summary>
    public static string Spellings { get; } = "ns, nano, nanos, nanosecond, nanoseconds, us, micro, micros, microsecond, microseconds, "
        + "ms, milli, millis, millisecond, milliseconds, s, second, seconds, m, minute, minutes, h, hour, hours, d, day, days";

    /// <summary>Parses a duration; a bare number means milliseconds.</summary>
    /// <param name="text">The value's text.</param>
    /// <param name="nanoseconds">The duration in nanoseconds.</param>
    /// <param name="problem">Why the text is not a duration.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string text, out long nanoseconds, out string problem)
    {
        nanoseconds = 0;
        if (!UnitNumber.TrySplit(text, out var number, out var unit))
        {
            problem = HoconMessages.DurationShape(Spellings);
            return false;
        }

        if (!Nanoseconds.TryGetValue(unit.Length == 0 ? "ms" : unit, out var scale))
        {
            problem = HoconMessages.UnknownDurationUnit(unit, Spellings);
            return false;
        }

        try
        {
            nanoseconds = (long)decimal.Round(number * scale, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            problem = HoconMessages.DurationOverflow();
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>Builds the spelling table.</summary>
    /// <returns>The table.</returns>
    private static Dictionary<string, decimal> Build()
    {
        var table = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal nanos, params string[] names)
        {
            foreach (var name in names)
            {
                table[name] = nanos;
            }
        }

        Add(1m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(1_000m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(1_000_000m, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(1_000_000_000m, "s", "second", "seconds");
        Add(60_000_000_000m, "m", "minute", "minutes");
        Add(3_600_000_000_000m, "h", "hour", "hours");
        Add(86_400_000_000_000m, "d", "day", "days");
        return table;
    }
}
