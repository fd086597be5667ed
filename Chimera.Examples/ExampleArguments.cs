using System.Globalization;

namespace Chimera.Examples;

/// <summary>The options after an example's name (<c>--seconds 3 --manager http://…</c>), read by name.</summary>
/// <param name="args">The arguments after the example's name.</param>
public sealed class ExampleArguments(IReadOnlyList<string> args)
{
    /// <summary>Whether the flag <paramref name="name"/> (e.g. <c>--serve</c>) was given.</summary>
    /// <param name="name">The flag, with its dashes.</param>
    /// <returns>Whether it is there.</returns>
    public bool Has(string name) => args.Contains(name, StringComparer.Ordinal);

    /// <summary>The value after <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The option is the last argument, with no value after it.</exception>
    public string? String(string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"Option {name} needs a value.");
            }
        }

        return null;
    }

    /// <summary>The number after <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The value is not a number.</exception>
    public double? Number(string name) => String(name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"Option {name} needs a number; got '{text}'.")
        : null;
}
