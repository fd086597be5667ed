using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Configuration.Hocon.Units;

/// <summary>Splits "10 ms" or "1.5GiB" into the number and the unit, as durations and sizes are written.</summary>
internal static partial class UnitNumber
{
    /// <summary>Splits text into a number and a (possibly empty) unit.</summary>
    /// <param name="text">The text.</param>
    /// <param name="number">The number.</param>
    /// <param name="unit">The unit, empty when none was written.</param>
    /// <returns>Whether the text has that shape.</returns>
    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        unit = string.Empty;
        number = 0;
        var match = Pattern().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        unit = match.Groups[2].Value;
        return true;
    }

    /// <summary>A decimal number, optional whitespace, then letters.</summary>
    /// <returns>The pattern.</returns>
    [GeneratedRegex(@"^\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*([A-Za-z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
