namespace Chimera.Configuration.Hocon.Units;

/// <summary>The size-in-bytes units of the HOCON specification; a bare number means bytes.</summary>
internal static class ByteSizeUnits
{
    /// <summary>Every spelling the specification allows (case-sensitive), mapped to its number of bytes.</summary>
    private static readonly Dictionary<string, decimal> Bytes = Build();

    /// <summary>Parses a size in bytes.</summary>
    /// <param name="text">The value's text.</param>
    /// <param name="bytes">The size in bytes.</param>
    /// <param name="problem">Why the text is not a size.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string text, out long bytes, out string problem)
    {
        bytes = 0;
        if (!UnitNumber.TrySplit(text, out var number, out var unit))
        {
            problem = HoconMessages.SizeShape();
            return false;
        }

        if (!Bytes.TryGetValue(unit.Length == 0 ? "B" : unit, out var scale))
        {
            problem = HoconMessages.UnknownSizeUnit(unit);
            return false;
        }

        var value = decimal.Round(number * scale, MidpointRounding.AwayFromZero);
        if (value > long.MaxValue || value < long.MinValue)
        {
            problem = HoconMessages.SizeOverflow(text.Trim(), value);
            return false;
        }

        bytes = (long)value;
        problem = string.Empty;
        return true;
    }

    /// <summary>Builds the spelling table from the specification's table of powers of 1000 and 1024.</summary>
    /// <returns>The table.</returns>
    private static Dictionary<string, decimal> Build()
    {
        var table = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1m,
            ["b"] = 1m,
            ["byte"] = 1m,
            ["bytes"] = 1m,
        };
        (char Letter, string Si, string Binary)[] prefixes =
        [
            ('k', "kilo", "kibi"), ('m', "mega", "mebi"), ('g', "giga", "gibi"), ('t', "tera", "tebi"),
            ('p', "peta", "pebi"), ('e', "exa", "exbi"), ('z', "zetta", "zebi"), ('y', "yotta", "yobi"),
        ];
        decimal si = 1m, binary = 1m;
        foreach (var (letter, siName, binaryName) in prefixes)
        {
            si *= 1000m;
            binary *= 1024m;
            var upper = char.ToUpperInvariant(letter).ToString();
            var siSymbol = letter == 'k' ? "kB" : upper + "B";
            foreach (var name in new[] { siSymbol, siName + "byte", siName + "bytes" })
            {
                table[name] = si;
            }

            foreach (var name in new[] { upper, letter.ToString(), upper + "i", upper + "iB", binaryName + "byte", binaryName + "bytes" })
            {
                table[name] = binary;
            }
        }

        return table;
    }
}
