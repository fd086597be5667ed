namespace Chimera.Pipelines.Internal;

/// <summary>Reads enum values the way HOCON files spell them (<c>drop-oldest</c> for <see cref="OverflowPolicy.DropOldest"/>).</summary>
internal static class KebabEnum
{
    /// <summary>Parses a kebab-case (or any-case) name into an enum member.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="text">The text as written.</param>
    /// <param name="value">The member when found.</param>
    /// <returns>Whether a member matched.</returns>
    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        var wanted = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        foreach (var member in Enum.GetValues<T>())
        {
            if (string.Equals(member.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = member;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The members in kebab-case, comma separated, for error messages that list the allowed values.</summary>
    /// <param name="type">The enum type.</param>
    /// <returns>For example <c>backpressure, drop-oldest, latest</c>.</returns>
    public static string Names(Type type) => string.Join(", ", Enum.GetNames(type).Select(ToKebab));

    /// <summary>Converts a PascalCase name to kebab-case.</summary>
    /// <param name="name">For example <c>DropOldest</c>.</param>
    /// <returns>For example <c>drop-oldest</c>.</returns>
    public static string ToKebab(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
