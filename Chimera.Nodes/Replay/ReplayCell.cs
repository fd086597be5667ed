using System.Globalization;

namespace Chimera.Nodes;

/// <summary>
/// Turns a recorded CSV cell back into a value: empty → null, <c>true</c>/<c>false</c> → bool, an integer → long,
/// a number → double, anything else stays a string — only when formatting the value again gives the same text, so a
/// replayed row records to exactly the same cells.
/// </summary>
internal static class ReplayCell
{
    /// <summary>The typed value of <paramref name="text"/>.</summary>
    public static object? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return text == "true";
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && integer.ToString(CultureInfo.InvariantCulture) == text)
        {
            return integer;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && real.ToString("R", CultureInfo.InvariantCulture) == text)
        {
            return real;
        }

        return text;
    }
}
