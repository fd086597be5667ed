using System.Collections.Concurrent;

namespace Chimera;

/// <summary>
/// Infers a record's content type from its value when the caller gives none. Media types (images, audio blocks)
/// register themselves here so that <c>chunk.Add("frame", image)</c> is enough.
/// </summary>
public static class ContentTypes
{
    private static readonly ConcurrentDictionary<Type, ContentType> s_registered = new();

    /// <summary>Declares that values of <paramref name="valueType"/> (and its subclasses) are of <paramref name="contentType"/>.</summary>
    public static void Register(Type valueType, ContentType contentType)
    {
        ArgumentNullException.ThrowIfNull(valueType);
        s_registered[valueType] = contentType;
    }

    /// <summary>Returns the content type a value would get if added without one.</summary>
    public static ContentType Infer(object? value)
    {
        if (value is null)
        {
            return ContentType.Other;
        }

        for (var type = value.GetType(); type is not null; type = type.BaseType)
        {
            if (s_registered.TryGetValue(type, out var registered))
            {
                return registered;
            }
        }

        return value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>
            ? ContentType.Tabular
            : ContentType.Other;
    }
}
